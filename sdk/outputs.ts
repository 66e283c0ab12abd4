/** One reconciliation step and its status (the seed's ServiceMeshCondition). */
export interface ConditionOutput {
  /** PreChecked, ServiceMeshAvailable, ClusterEnrolled, MeshConfigApplied, Retried or ServiceMeshDeleted. */
  type: string;
  /** "True", "False" or "Unknown". */
  status: string;
  /** Reconciling, Succeeded, Failed, Available, Unavailable, Passed, WaitSteady or Retried. */
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration: number;
}

/** The CR's `status`, as `kubectl get servicemesh mesh -n istio-system -o yaml` shows it. */
export interface StatusOutput {
  clusterSpec?: string;
  serviceMeshId?: string;
  serviceMeshName?: string;
  conditions: ConditionOutput[];
}

/** Where the ServiceMesh custom resource lives. */
export interface CustomResourceOutput {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
}
