/**
 * Alibaba Cloud POP-style errors. Real bodies look like
 * `{"RequestId","Code","Message","HostId","Recommend"}` (terraform-provider-alicloud issue #5259), and
 * openapi-core reads `Code|code`, `Message|message`, `RequestId|requestId` from them.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface ErrorBody {
  RequestId: string;
  Code: string;
  Message: string;
  HostId: string;
  Recommend: string;
}

export function errorBody(err: ApiError, requestId: string, product: string): ErrorBody {
  return {
    RequestId: requestId,
    Code: err.code,
    Message: err.message,
    HostId: `${product}.aliyuncs.com`,
    Recommend: `https://next.api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=${product}`,
  };
}

/** The POP gateway's wording for an absent required parameter, e.g. `MissingServiceMeshId`. */
export function missingParameter(name: string): ApiError {
  return new ApiError(400, `Missing${name}`, `${name} is mandatory for this action.`);
}

export function invalidParameter(name: string, why: string, code = "InvalidParameter"): ApiError {
  return new ApiError(400, code, `The specified parameter ${name} is invalid: ${why}`);
}

export function meshNotFound(id: string): ApiError {
  return new ApiError(404, "ServiceMesh.NotFound", `The service mesh ${id} does not exist or has been deleted.`);
}

export function internalError(): ApiError {
  return new ApiError(500, "InternalError", "The request processing has failed due to some unknown error.");
}
