import { Injectable } from '@nestjs/common';

/**
 * The current instant. Everything that decides by time (due dates, reminders, escalation,
 * expiry) asks this instead of `new Date()`, so tests can move time without waiting for it.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
