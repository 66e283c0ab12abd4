import type { ErrorKind } from "../resilience/errors";
import { kindForStatus } from "../resilience/http-status";

/**
 * The one table from Alibaba Cloud error codes to kinds. Sources: the ASM and ACK API models,
 * terraform-provider-alicloud's retry lists (`NeedRetry`, create/delete retry codes) and the POP
 * gateway's common codes. Codes not listed fall back to the HTTP status (see `kindForStatus`).
 */
const EXACT: Record<string, ErrorKind> = {
  "ServiceMesh.NotFound": "not-found",
  ErrorClusterNotFound: "not-found",
  ERR404: "transient", // Terraform retries it during CreateServiceMesh: eventual consistency.
  NameAlreadyExist: "conflict",
  "ErrorPermitted.ClustersNotEmpty": "conflict",
  "InvalidActiveState.ACK": "transient",
  RelatedResourceReused: "busy",
  StillInitializing: "busy",
  "InvalidOperation.MeshStatus": "busy",
  "InvalidOperation.Grant.NotRunning": "busy",
  ServiceUnavailable: "transient",
  InternalError: "transient",
  "InvalidAccessKeyId.NotFound": "unauthorized",
  "InvalidAccessKeyId.Inactive": "unauthorized",
  SignatureDoesNotMatch: "unauthorized",
  IncompleteSignature: "unauthorized",
  InvalidCredentials: "unauthorized",
  "InvalidSecurityToken.Expired": "unauthorized",
  "InvalidSecurityToken.Mismatch": "unauthorized",
  "InvalidSecurityToken.Malformed": "unauthorized",
  Forbidden: "unauthorized",
  "Forbidden.RAM": "unauthorized",
  "Forbidden.ServiceNotActivated": "terminal",
  MissingParameter: "invalid-input",
};

/** Code prefixes and fragments, checked in order after the exact table. */
const PATTERNS: [RegExp, ErrorKind][] = [
  [/Throttling/, "throttled"], // openapi-core itself raises ThrottlingError for any code containing it.
  [/^InvalidParameter|^Missing|^InvalidVersion|^InvalidAction/, "invalid-input"],
  [/NotFound$/, "not-found"],
  [/^ErrorPermitted|AlreadyExist|AlreadyInMesh/, "conflict"],
  [/^Forbidden|^NoPermission/, "unauthorized"],
];

export function kindForCode(code: string | undefined, status: number | undefined): ErrorKind {
  if (code) {
    const exact = EXACT[code];
    if (exact) return exact;
    for (const [pattern, kind] of PATTERNS) if (pattern.test(code)) return kind;
  }
  return kindForStatus(status, code);
}
