import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '../../config/app-config';
import { StoredPolicyRules } from '../authz/stored-policy-rules.service';
import { BearerStrategy } from './bearer.strategy';
import { PrincipalService } from './principal.service';

/** Authentication shared by every module: access tokens, API keys, the Passport strategy. */
@Global()
@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.env.JWT_ACCESS_SECRET,
        signOptions: { algorithm: 'HS256', expiresIn: config.env.ACCESS_TOKEN_TTL_SECONDS },
      }),
    }),
  ],
  providers: [PrincipalService, BearerStrategy, StoredPolicyRules],
  exports: [PrincipalService, JwtModule, StoredPolicyRules],
})
export class AuthCoreModule {}
