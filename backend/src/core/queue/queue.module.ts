import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { QueueErrorLogger } from './queue-error-logger.service';
import { QueueName } from './queue-names';
import { RedisClient } from './redis.provider';

/** BullMQ on Redis with the app's key prefix, every queue registered, and a plain client. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.env.REDIS_URL, maxRetriesPerRequest: null },
        prefix: config.env.QUEUE_PREFIX,
        defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: 5000 },
      }),
    }),
    BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
  ],
  providers: [RedisClient, QueueErrorLogger],
  exports: [BullModule, RedisClient],
})
export class QueueModule {}
