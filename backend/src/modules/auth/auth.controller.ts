import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { loginRequestSchema, refreshRequestSchema, type MeResponse, type TokenPair } from '@convenio/contracts';
import { packRules } from '@casl/ability/extra';
import { createZodDto } from 'nestjs-zod';
import { Authenticated, Public } from '../../core/authz/route-policy';
import { CurrentPrincipal } from '../../core/auth/current-principal.decorator';
import { toSessionUser, type Principal } from '../../core/auth/principal';
import { AuthService } from './auth.service';

class LoginDto extends createZodDto(loginRequestSchema) {}
class RefreshDto extends createZodDto(refreshRequestSchema) {}

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Email and password → a 15-minute access token and a rotating refresh token. */
  @Post('login')
  @Public()
  @HttpCode(200)
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<TokenPair> {
    return this.auth.login(body, ip ?? null);
  }

  /** A refresh token → a new pair; the presented token cannot be used again. */
  @Post('refresh')
  @Public()
  @HttpCode(200)
  refresh(@Body() body: RefreshDto): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  async logout(@Body() body: RefreshDto): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }

  /** The caller, its organization and roles, and its CASL rules (packed) for the UI. */
  @Get('me')
  @Authenticated()
  @ApiBearerAuth()
  me(@CurrentPrincipal() principal: Principal): MeResponse {
    return { user: toSessionUser(principal), rules: packRules(principal.rules) as unknown[][], via: principal.via };
  }
}
