import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, toProblem, type FieldProblem } from '../shared/errors.ts';

/** Fastify's own error codes, mapped once onto ours. */
const FASTIFY_CODES: Record<string, AppError['code']> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
};

/** Every error leaves as application/problem+json; unknown errors are logged and kept vague. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let appError: AppError;
    if (error instanceof AppError) {
      appError = error;
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      const errors: FieldProblem[] = error.validation.map((v) => ({
        path: [error.validationContext ?? 'body', ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'is not valid',
      }));
      appError = new AppError('VALIDATION_FAILED', {
        detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
        errors,
      });
    } else if (error.code && FASTIFY_CODES[error.code]) {
      appError = new AppError(FASTIFY_CODES[error.code]!, { detail: error.message });
    } else if (error.statusCode && error.statusCode < 500) {
      appError = new AppError(error.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED', { detail: error.message });
    } else {
      request.log.error({ err: error }, 'unhandled error');
      appError = new AppError('INTERNAL', { detail: `Something went wrong on our side. Quote request id ${request.id} when reporting it.` });
    }
    if (appError.status >= 500 && error instanceof AppError) request.log.error({ err: error }, appError.code);
    const retryAfter = appError.extra?.retryAfterSeconds;
    if (typeof retryAfter === 'number') reply.header('Retry-After', String(retryAfter));
    void reply.status(appError.status).type('application/problem+json').send(JSON.stringify(toProblem(appError, request.id)));
  });
}
