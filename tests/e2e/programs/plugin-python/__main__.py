"""One ServiceMesh from the asm-servicemesh provider plugin, its inputs from stack config."""
import pulumi
import pulumi_asm_servicemesh as asm

config = pulumi.Config()

mesh = asm.ServiceMesh(
    "mesh",
    cluster_id=config.require("clusterId"),
    cluster_spec=config.get("clusterSpec") or "Standard",
    deletion_policy=config.get("deletionPolicy") or "Retain",
    kubeconfig=config.require_secret("kubeconfig"),
)

pulumi.export("serviceMeshId", mesh.service_mesh_id)
pulumi.export("ready", mesh.ready)
pulumi.export(
    "conditions",
    mesh.status.apply(lambda status: [{"type": c.type, "status": c.status, "reason": c.reason} for c in status.conditions]),
)
pulumi.export("customResource", mesh.custom_resource.apply(lambda cr: cr and {"namespace": cr.namespace, "name": cr.name}))
