/** Names from the seed: the CRD, its group/version/kind, the CR, its annotations and finalizer. */
export const GROUP = "istio.alibabacloud.com";
export const VERSION = "v1beta1";
export const KIND = "ServiceMesh";
export const PLURAL = "servicemeshes";
export const SINGULAR = "servicemesh";
export const SHORT_NAMES = ["sm"];
export const CRD_NAME = `${PLURAL}.${GROUP}`;
export const API_VERSION = `${GROUP}/${VERSION}`;

export const CR_NAMESPACE = "istio-system";
export const CR_NAME = "mesh";

/** Where a ServiceMesh CR lives. The seed's operator always uses istio-system/mesh in its own cluster. */
export interface CrRef {
  namespace: string;
  name: string;
}

export const DEFAULT_CR: CrRef = { namespace: CR_NAMESPACE, name: CR_NAME };

export const DELETION_POLICY_ANNOTATION = "operator.istio.alibabacloud.com/deletion-policy";
export const RETRY_AT_ANNOTATION = "operator.istio.alibabacloud.com/retry-at";
export const FINALIZER = "servicemeshoperator.finalizers.alibabacloud.com";
/** The ACK cluster a CR's status belongs to: a CR left by another resource is not adopted blindly. */
export const CLUSTER_ID_ANNOTATION = "servicemesh.pulumi.com/cluster-id";
/**
 * The resource that wrote the CR (`<project>/<stack>/<resource name>`, as the mesh's owner tag): two
 * resources configured with the same CR location do not take each other's status, nor delete it.
 */
export const OWNER_ANNOTATION = "servicemesh.pulumi.com/owner";
/** Marks the CR as written by this provider (not by the in-cluster operator). */
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const MANAGED_BY = "pulumi-asm-servicemesh";
