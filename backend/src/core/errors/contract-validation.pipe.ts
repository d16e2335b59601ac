import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { ZodType } from 'zod';
import { DomainException } from './domain.exception';
import { validationMessage, zodDetails } from './error-response';

/**
 * Validates bodies, queries and params declared with a contract DTO (`createZodDto`):
 * unknown fields are rejected by the strict schemas; a failure answers 400 naming each
 * field by where it is (`body.email`, `query.page`).
 */
@Injectable()
export class ContractValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const schema = (metadata.metatype as { schema?: ZodType } | undefined)?.schema;
    if (!schema || typeof schema.safeParse !== 'function' || metadata.type === 'custom') return value;
    const result = schema.safeParse(value ?? (metadata.type === 'body' ? undefined : {}));
    if (result.success) return result.data;
    const details = zodDetails(result.error, metadata.type);
    throw new DomainException(400, 'VALIDATION_FAILED', validationMessage(details), details);
  }
}
