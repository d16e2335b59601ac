import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createUserSchema, updateUserSchema, userListQuerySchema, type Page, type User } from '@convenio/contracts';
import { createZodDto } from 'nestjs-zod';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import type { Principal } from '../../core/auth/principal';
import { Can } from '../../core/authz/route-policy';
import { UsersService } from './users.service';

class CreateUserDto extends createZodDto(createUserSchema) {}
class UpdateUserDto extends createZodDto(updateUserSchema) {}
class UserListQueryDto extends createZodDto(userListQuerySchema) {}

@ApiTags('users')
@ApiBearerAuth()
@Controller('v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Can('read', 'User')
  list(@Query() query: UserListQueryDto, @CurrentPrincipal() principal: Principal): Promise<Page<User>> {
    return this.users.list(query, principal.ability);
  }

  @Get(':id')
  @Can('read', 'User')
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<User> {
    return this.users.get(id, principal.ability);
  }

  @Post()
  @Can('create', 'User')
  create(@Body() body: CreateUserDto, @CurrentPrincipal() principal: Principal): Promise<User> {
    return this.users.create(body, principal.ability);
  }

  /** Edit, assign roles, reset the password, deactivate (`active: false`). */
  @Patch(':id')
  @Can('update', 'User')
  update(@Param('id') id: string, @Body() body: UpdateUserDto, @CurrentPrincipal() principal: Principal): Promise<User> {
    return this.users.update(id, body, principal.ability);
  }
}
