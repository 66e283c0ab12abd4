"""The smallest useful program, in Python: an ASM mesh for one ACK cluster, through the plugin."""
import pulumi
import pulumi_asm_servicemesh as asm

config = pulumi.Config()

mesh = asm.ServiceMesh(
    "mesh",
    # Set your own with `pulumi config set clusterId ...`.
    cluster_id=config.get("clusterId") or "c6490deb776cc458c82c4c22a69315bae",
    cluster_spec="Enterprise",
    deletion_policy="Retain",
)

pulumi.export("serviceMeshId", mesh.service_mesh_id)
pulumi.export("ready", mesh.ready)
pulumi.export(
    "conditions",
    mesh.status.apply(lambda status: [f"{c.type}={c.status} ({c.reason})" for c in status.conditions]),
)
