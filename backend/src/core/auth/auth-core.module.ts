import { createSecretKey } from 'node:crypto';
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
      useFactory: (config: AppConfig) => {
        // The HS256 key as a KeyObject: given the text, jsonwebtoken first tries it as a PEM
        // public key on every verification (a thrown error each time, ~1 ms of CPU).
        const key = createSecretKey(Buffer.from(config.env.JWT_ACCESS_SECRET, 'utf8'));
        return { secretOrKeyProvider: () => key, signOptions: { algorithm: 'HS256', expiresIn: config.env.ACCESS_TOKEN_TTL_SECONDS } };
      },
    }),
  ],
  providers: [PrincipalService, BearerStrategy, StoredPolicyRules],
  exports: [PrincipalService, JwtModule, StoredPolicyRules],
})
export class AuthCoreModule {}
