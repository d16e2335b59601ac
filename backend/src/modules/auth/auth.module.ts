import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';

@Module({ controllers: [AuthController], providers: [AuthService, LoginThrottleService] })
export class AuthModule {}
