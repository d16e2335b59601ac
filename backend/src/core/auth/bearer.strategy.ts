import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';
import type { Principal } from './principal';
import { PrincipalService } from './principal.service';

/** Passport strategy for `Authorization: Bearer <access token | API key>`. */
@Injectable()
export class BearerStrategy extends PassportStrategy(Strategy, 'bearer') {
  constructor(private readonly principals: PrincipalService) {
    super();
  }

  validate(token: string): Promise<Principal> {
    return this.principals.fromBearer(token);
  }
}
