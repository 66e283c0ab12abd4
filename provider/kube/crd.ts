import { CRD_NAME, GROUP, KIND, PLURAL, SHORT_NAMES, SINGULAR, VERSION } from "./names";

const condition = {
  type: "object",
  description: "One reconciliation step and its current status.",
  required: ["type", "status"],
  properties: {
    type: {
      type: "string",
      description:
        "The step: PreChecked, ServiceMeshAvailable, ClusterEnrolled, MeshConfigApplied, Retried or ServiceMeshDeleted.",
    },
    status: { type: "string", enum: ["True", "False", "Unknown"], description: "True, False or Unknown." },
    reason: {
      type: "string",
      description: "Reconciling, Succeeded, Failed, Available, Unavailable, Passed, WaitSteady or Retried.",
    },
    message: { type: "string", description: "Context about the condition, especially when a step fails." },
    lastTransitionTime: {
      type: "string",
      format: "date-time",
      description: "When this condition last changed status.",
    },
    observedGeneration: { type: "integer", format: "int64", description: "The .metadata.generation it was set for." },
  },
};

/**
 * The ServiceMesh CRD, as the seed describes it: `istio.alibabacloud.com/v1beta1`, namespaced, a
 * structural schema for spec and status, the status subresource (so `kubectl wait --for=condition=…`
 * works) and printer columns for edition, mesh id, ready and age.
 */
export function serviceMeshCrd() {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: CRD_NAME },
    spec: {
      group: GROUP,
      scope: "Namespaced",
      names: { plural: PLURAL, singular: SINGULAR, kind: KIND, listKind: `${KIND}List`, shortNames: SHORT_NAMES },
      versions: [
        {
          name: VERSION,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: [
            { name: "Edition", type: "string", jsonPath: ".status.clusterSpec" },
            { name: "Mesh ID", type: "string", jsonPath: ".status.serviceMeshId" },
            { name: "Ready", type: "string", jsonPath: '.status.conditions[?(@.type=="MeshConfigApplied")].status' },
            { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
          ],
          schema: {
            openAPIV3Schema: {
              type: "object",
              description: "An Alibaba Cloud Service Mesh (ASM) instance and this cluster's enrollment in it.",
              properties: {
                apiVersion: { type: "string" },
                kind: { type: "string" },
                metadata: { type: "object" },
                spec: {
                  type: "object",
                  description: "The desired mesh.",
                  properties: {
                    id: {
                      type: "string",
                      description: "An existing mesh to join. Takes precedence over name. Immutable.",
                    },
                    name: {
                      type: "string",
                      description:
                        "The mesh name; defaults to mesh-for-${cluster ID}. An existing mesh of that name is joined.",
                    },
                    clusterSpec: {
                      type: "string",
                      enum: ["Standard", "Enterprise", "Ultimate"],
                      description: "The ASM edition: Standard (Chinese mainland only), Enterprise or Ultimate.",
                    },
                  },
                },
                status: {
                  type: "object",
                  description: "What the provider observed and did.",
                  properties: {
                    clusterSpec: { type: "string", description: "The edition of the ASM instance." },
                    serviceMeshId: { type: "string", description: "The id of the ASM instance." },
                    serviceMeshName: {
                      type: "string",
                      description: "The mesh name, recorded before the first creation request to prevent duplicates.",
                    },
                    conditions: { type: "array", description: "The ordered reconciliation steps.", items: condition },
                  },
                },
              },
            },
          },
        },
      ],
    },
  };
}
