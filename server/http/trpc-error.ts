import type { Response } from 'express';

const JSON_RPC_CODES = {
  BAD_REQUEST: -32600,
  FORBIDDEN: -32003,
  UNSUPPORTED_MEDIA_TYPE: -32015,
  TOO_MANY_REQUESTS: -32029,
  NOT_FOUND: -32004,
  METHOD_NOT_SUPPORTED: -32005,
} as const;

/** Answers outside tRPC (rate limits, request guards) in tRPC's own error shape, so clients parse one format. */
export function sendTrpcStyleError(res: Response, status: number, code: keyof typeof JSON_RPC_CODES, message: string) {
  res.status(status).json({ error: { message, code: JSON_RPC_CODES[code], data: { code, httpStatus: status } } });
}
