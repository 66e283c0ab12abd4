#!/usr/bin/env python3
"""The emulator against the official Python SDKs, a client this project did not write.

Drives every operation the provider uses (and DescribeServiceMeshClusters) through
alibabacloud-servicemesh20200111 and alibabacloud-cs20151215, and fails on:
  - a response field the official response model does not declare (the SDK would drop it silently),
  - a response value whose type differs from the model's type hint,
  - a provider meshConfig parameter the official request model lacks,
  - a parameter the emulator accepted that DescribeServiceMeshDetail does not report back where the
    provider reads it (the provider's table is passed in as JSON: path, param, reported, onCreate and a valid sample value).

Usage: sdk_contract.py ENDPOINT ACCESS_KEY_ID FIELDS_JSON   (secret in ASM_CONTRACT_SECRET)
Prints one line per check; exits 1 when any check failed.
"""
import json
import os
import sys
import time
import typing

from alibabacloud_cs20151215 import models as cs_models
from alibabacloud_cs20151215.client import Client as CsClient
from alibabacloud_servicemesh20200111 import models as asm_models
from alibabacloud_servicemesh20200111.client import Client as AsmClient
from alibabacloud_tea_openapi import models as open_api_models
from alibabacloud_tea_util import models as util_models

ENDPOINT, ACCESS_KEY_ID, FIELDS_JSON = sys.argv[1:4]
SECRET = os.environ["ASM_CONTRACT_SECRET"]
REGION = "cn-hangzhou"
failures = []


def fail(what):
    failures.append(what)
    print(f"FAIL {what}")


def raw_capturing(base):
    """The official client, keeping each response body exactly as the emulator sent it."""

    class Capturing(base):
        last_raw = None

        def call_api(self, params, request, runtime):
            result = super().call_api(params, request, runtime)
            Capturing.last_raw = result.get("body")
            return result

    return Capturing


def config():
    return open_api_models.Config(
        access_key_id=ACCESS_KEY_ID,
        access_key_secret=SECRET,
        endpoint=ENDPOINT,
        protocol="http",
        region_id=REGION,
    )


asm = raw_capturing(AsmClient)(config())
cs = raw_capturing(CsClient)(config())


# --- the model's own view of itself: wire names and type hints --------------------------------------


class _Probe:
    """Stands in for one attribute so `to_map` reveals that attribute's wire name (a list of models
    yields one probe, so even list fields, which `to_map` always emits, change)."""

    def to_map(self):
        return "__probe__"

    def __iter__(self):
        return iter((_Probe(),))


def wire_names(cls):
    """{wire name: python attribute} for a generated model class."""
    baseline = cls().to_map()
    names = {}
    for attr in typing.get_type_hints(cls.__init__):
        if attr == "return":
            continue
        instance = cls()
        setattr(instance, attr, _Probe())
        changed = [k for k, v in instance.to_map().items() if k not in baseline or baseline[k] != v]
        if len(changed) == 1:
            names[changed[0]] = attr
    return names


def wire_fields(cls):
    """{wire name: type hint} for a generated model class."""
    hints = typing.get_type_hints(cls.__init__)
    return {wire: hints[attr] for wire, attr in wire_names(cls).items()}


def unwrap_optional(hint):
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    return args[0] if typing.get_origin(hint) is typing.Union and len(args) == 1 else hint


def is_model(hint):
    return isinstance(hint, type) and hasattr(hint, "from_map") and hasattr(hint, "to_map")


def check_value(value, hint, path):
    """Type and declared-field check of one response value against its model hint."""
    hint = unwrap_optional(hint)
    origin = typing.get_origin(hint)
    if value is None or hint is typing.Any:
        return
    if is_model(hint):
        if not isinstance(value, dict):
            return fail(f"{path}: model {hint.__name__} expects an object, got {type(value).__name__}")
        declared = wire_fields(hint)
        for key, item in value.items():
            if key not in declared:
                fail(f"{path}.{key}: not declared by {hint.__name__}")
            else:
                check_value(item, declared[key], f"{path}.{key}")
        return
    if origin in (list, typing.List):
        if not isinstance(value, list):
            return fail(f"{path}: expected a list, got {type(value).__name__}")
        (item_hint,) = typing.get_args(hint) or (typing.Any,)
        for i, item in enumerate(value):
            check_value(item, item_hint, f"{path}[{i}]")
        return
    if origin in (dict, typing.Dict):
        if not isinstance(value, dict):
            fail(f"{path}: expected an object, got {type(value).__name__}")
        return
    expected = {str: (str,), bool: (bool,), int: (int,), float: (int, float)}.get(hint)
    if expected is None:
        return
    if isinstance(value, bool) and hint is not bool or not isinstance(value, expected):
        fail(f"{path}: model says {hint.__name__}, got {type(value).__name__} {value!r}")


def checked(label, call, body_model):
    """Run one SDK call and check the raw body it returned against the response body model."""
    response = call()
    raw = raw_of(label)
    before = len(failures)
    check_value(raw, body_model, label)
    if len(failures) == before:
        print(f"ok   {label}: every field declared by {body_model.__name__}, every type as hinted")
    return response, raw


def raw_of(label):
    client = cs if label.startswith("cs.") else asm
    return type(client).last_raw


# --- the walk through a mesh's life ----------------------------------------------------------------

fields = json.load(open(FIELDS_JSON))


def request_with(cls, base, params, label):
    """A request model carrying `params` by wire name; a name the model lacks is a failure."""
    request = cls(**base)
    declared = wire_names(cls)
    for wire, value in params.items():
        if wire not in declared:
            fail(f"{label}: the official {cls.__name__} has no parameter {wire}")
        else:
            setattr(request, declared[wire], value)
    return request


def wait_state(mesh_id, state):
    for _ in range(200):
        detail = asm.describe_service_mesh_detail(asm_models.DescribeServiceMeshDetailRequest(service_mesh_id=mesh_id))
        if detail.body.service_mesh.service_mesh_info.state == state:
            return type(asm).last_raw
        time.sleep(0.05)
    raise SystemExit(f"mesh {mesh_id} never reached {state}")


def at(tree, dotted):
    node = tree
    for key in dotted.split("."):
        if not isinstance(node, dict) or key not in node:
            return "<absent>"
        node = node[key]
    return node


def read_back(label, raw, rows):
    config = raw["ServiceMesh"]["Spec"]["MeshConfig"]
    bad = 0
    for row in rows:
        want = row["sample"]
        got = at(config, row["reported"])
        if got != want or type(got) is not type(want):
            bad += 1
            fail(f"{label}: {row['param']}={want!r} accepted, but Spec.MeshConfig.{row['reported']} reads {got!r}")
    if not bad:
        print(f"ok   {label}: all {len(rows)} parameters read back where the provider reads them")


create_rows = [r for r in fields if r["onCreate"]]
created, _ = checked(
    "CreateServiceMesh",
    lambda: asm.create_service_mesh(
        request_with(
            asm_models.CreateServiceMeshRequest,
            dict(region_id=REGION, vpc_id="vpc-app", v_switches='["vsw-app"]', name="contract", cluster_spec="enterprise"),
            {r["param"]: r["sample"] for r in create_rows},
            "CreateServiceMesh",
        )
    ),
    asm_models.CreateServiceMeshResponseBody,
)
mesh_id = created.body.service_mesh_id
raw = wait_state(mesh_id, "running")
check_value(raw, asm_models.DescribeServiceMeshDetailResponseBody, "DescribeServiceMeshDetail")
read_back("CreateServiceMesh", raw, create_rows)

feature_rows = [r for r in fields if r["update"]["action"] == "UpdateMeshFeature"]
log_rows = [r for r in fields if r["update"]["action"] == "UpdateControlPlaneLogConfig"]
checked(
    "UpdateMeshFeature",
    lambda: asm.update_mesh_feature(
        request_with(
            asm_models.UpdateMeshFeatureRequest,
            dict(service_mesh_id=mesh_id),
            {r["param"]: r["sample"] for r in feature_rows},
            "UpdateMeshFeature",
        )
    ),
    asm_models.UpdateMeshFeatureResponseBody,
)
wait_state(mesh_id, "running")
checked(
    "UpdateControlPlaneLogConfig",
    lambda: asm.update_control_plane_log_config(
        request_with(
            asm_models.UpdateControlPlaneLogConfigRequest,
            dict(service_mesh_id=mesh_id),
            {r["update"]["param"]: r["sample"] for r in log_rows},
            "UpdateControlPlaneLogConfig",
        )
    ),
    asm_models.UpdateControlPlaneLogConfigResponseBody,
)
raw = wait_state(mesh_id, "running")
checked(
    "DescribeServiceMeshDetail",
    lambda: asm.describe_service_mesh_detail(asm_models.DescribeServiceMeshDetailRequest(service_mesh_id=mesh_id)),
    asm_models.DescribeServiceMeshDetailResponseBody,
)
# Every row: the update routes above, and the fields ASM fixes at creation, set by CreateServiceMesh.
read_back("UpdateMeshFeature, UpdateControlPlaneLogConfig", type(asm).last_raw, fields)

versions, _ = checked(
    "DescribeVersions",
    lambda: asm.describe_versions(),
    asm_models.DescribeVersionsResponseBody,
)
upgrade, _ = checked(
    "DescribeUpgradeVersion",
    lambda: asm.describe_upgrade_version(asm_models.DescribeUpgradeVersionRequest(service_mesh_id=mesh_id)),
    asm_models.DescribeUpgradeVersionResponseBody,
)
target = upgrade.body.version.istio_version
checked(
    "UpgradeMeshEditionPartially",
    lambda: asm.upgrade_mesh_edition_partially(
        asm_models.UpgradeMeshEditionPartiallyRequest(
            service_mesh_id=mesh_id, expected_version=target, asmgateway_continue=False
        )
    ),
    asm_models.UpgradeMeshEditionPartiallyResponseBody,
)
raw = wait_state(mesh_id, "running")
if raw["ServiceMesh"]["ServiceMeshInfo"]["Version"] != target:
    fail(f"UpgradeMeshEditionPartially: ExpectedVersion={target} accepted, Version reads {raw['ServiceMesh']['ServiceMeshInfo']['Version']}")
tag_request = dict(region_id=REGION, resource_type="servicemesh", resource_id=[mesh_id])
checked(
    "TagResources",
    lambda: asm.tag_resources(
        asm_models.TagResourcesRequest(
            **tag_request,
            tag=[asm_models.TagResourcesRequestTag(key="team", value="payments"), asm_models.TagResourcesRequestTag(key="tier", value="1")],
        )
    ),
    asm_models.TagResourcesResponseBody,
)
checked(
    "UntagResources",
    lambda: asm.untag_resources(asm_models.UntagResourcesRequest(**tag_request, tag_key=["tier"])),
    asm_models.UntagResourcesResponseBody,
)
listed_tags, _ = checked(
    "ListTagResources",
    lambda: asm.list_tag_resources(asm_models.ListTagResourcesRequest(**tag_request)),
    asm_models.ListTagResourcesResponseBody,
)
if [(t.tag_key, t.tag_value) for t in listed_tags.body.tag_resources] != [("team", "payments")]:
    fail(f"TagResources/UntagResources: expected team=payments alone, got {listed_tags.body.to_map()}")

# Paging, as the official models define it: the provider follows ListTagResources' NextToken and reads
# the four other listings it makes as whole answers, which holds only while their models take no paging.
PAGING_FIELDS = {"page_number", "page_size", "next_token", "max_results", "limit", "offset"}
for model in ["DescribeServiceMeshesRequest", "DescribeClustersInServiceMeshRequest",
              "DescribeServiceMeshProxyStatusRequest", "DescribeGuestClusterNamespacesRequest"]:
    paging = PAGING_FIELDS & set(vars(getattr(asm_models, model)()))
    if paging:
        fail(f"{model} now pages ({', '.join(sorted(paging))}): the provider reads it as one whole answer")
if "next_token" not in vars(asm_models.ListTagResourcesRequest()):
    fail("ListTagResourcesRequest has no next_token: the provider's paging of it follows a field that is gone")
many = [asm_models.TagResourcesRequestTag(key=f"page-{i:02d}", value=str(i)) for i in range(15)]
checked(
    "TagResources",
    lambda: asm.tag_resources(asm_models.TagResourcesRequest(**tag_request, tag=many)),
    asm_models.TagResourcesResponseBody,
)
pages, token, seen = 0, None, []
while True:
    page, _ = checked(
        "ListTagResources",
        lambda: asm.list_tag_resources(asm_models.ListTagResourcesRequest(**tag_request, next_token=token)),
        asm_models.ListTagResourcesResponseBody,
    )
    pages += 1
    seen += [t.tag_key for t in page.body.tag_resources]
    token = page.body.next_token
    if not token or pages > 5:
        break
if pages < 2 or sorted(seen) != sorted(["team"] + [t.key for t in many]):
    fail(f"ListTagResources: 16 tags over NextToken pages, got {len(seen)} in {pages} page(s)")
checked(
    "UntagResources",
    lambda: asm.untag_resources(asm_models.UntagResourcesRequest(**tag_request, tag_key=[t.key for t in many])),
    asm_models.UntagResourcesResponseBody,
)
for action, call, body in [
    (
        "ModifyApiServerEipResource",
        lambda: asm.modify_api_server_eip_resource(
            asm_models.ModifyApiServerEipResourceRequest(service_mesh_id=mesh_id, operation="BindEip", api_server_eip_id="eip-contract1")
        ),
        asm_models.ModifyApiServerEipResourceResponseBody,
    ),
    (
        "ModifyPilotEipResource",
        lambda: asm.modify_pilot_eip_resource(
            asm_models.ModifyPilotEipResourceRequest(service_mesh_id=mesh_id, operation="BindEip", eip_id="eip-contract2", is_canary=False)
        ),
        asm_models.ModifyPilotEipResourceResponseBody,
    ),
]:
    checked(action, call, body)
raw = wait_state(mesh_id, "running")
lb = raw["ServiceMesh"]["Spec"]["LoadBalancer"]
if (lb["ApiServerPublicEipId"], lb["PilotPublicEipId"], lb["ApiServerPublicEip"]) != ("eip-contract1", "eip-contract2", True):
    fail(f"Modify*EipResource: bound EIPs not reported: {lb}")
kubeconfig, _ = checked(
    "DescribeServiceMeshKubeconfig",
    lambda: asm.describe_service_mesh_kubeconfig(
        asm_models.DescribeServiceMeshKubeconfigRequest(service_mesh_id=mesh_id, private_ip_address=False)
    ),
    asm_models.DescribeServiceMeshKubeconfigResponseBody,
)
if raw["ServiceMesh"]["Endpoints"]["PublicApiServerEndpoint"] not in kubeconfig.body.kubeconfig:
    fail("DescribeServiceMeshKubeconfig: the public kubeconfig does not name the public endpoint")

checked(
    "ModifyServiceMeshName",
    lambda: asm.modify_service_mesh_name(asm_models.ModifyServiceMeshNameRequest(service_mesh_id=mesh_id, name="renamed")),
    asm_models.ModifyServiceMeshNameResponseBody,
)
checked(
    "AddClusterIntoServiceMesh",
    lambda: asm.add_cluster_into_service_mesh(
        asm_models.AddClusterIntoServiceMeshRequest(service_mesh_id=mesh_id, cluster_id="c-app")
    ),
    asm_models.AddClusterIntoServiceMeshResponseBody,
)
wait_state(mesh_id, "running")
checked(
    "DescribeServiceMeshes",
    lambda: asm.describe_service_meshes(asm_models.DescribeServiceMeshesRequest()),
    asm_models.DescribeServiceMeshesResponseBody,
)
checked(
    "DescribeClustersInServiceMesh",
    lambda: asm.describe_clusters_in_service_mesh(
        asm_models.DescribeClustersInServiceMeshRequest(service_mesh_id=mesh_id)
    ),
    asm_models.DescribeClustersInServiceMeshResponseBody,
)
listed, _ = checked(
    "DescribeServiceMeshClusters",
    lambda: asm.describe_service_mesh_clusters(
        asm_models.DescribeServiceMeshClustersRequest(service_mesh_id=mesh_id, limit=10, offset=0)
    ),
    asm_models.DescribeServiceMeshClustersResponseBody,
)
if [c.cluster_id for c in listed.body.clusters] != ["c-app"] or listed.body.number_of_clusters != 1:
    fail(f"DescribeServiceMeshClusters: expected c-app alone, got {listed.body.to_map()}")
checked(
    "DescribeGuestClusterNamespaces",
    lambda: asm.describe_guest_cluster_namespaces(
        asm_models.DescribeGuestClusterNamespacesRequest(service_mesh_id=mesh_id, guest_cluster_id="c-app")
    ),
    asm_models.DescribeGuestClusterNamespacesResponseBody,
)
checked(
    "DescribeServiceMeshProxyStatus",
    lambda: asm.describe_service_mesh_proxy_status(
        asm_models.DescribeServiceMeshProxyStatusRequest(service_mesh_id=mesh_id)
    ),
    asm_models.DescribeServiceMeshProxyStatusResponseBody,
)
checked(
    "cs.DescribeClusterDetail",
    lambda: cs.describe_cluster_detail("c-app"),
    cs_models.DescribeClusterDetailResponseBody,
)
master_url = json.loads(type(cs).last_raw.get("master_url") or "{}")
if not {"api_server_endpoint", "intranet_api_server_endpoint"} <= set(master_url):
    fail(f"cs.DescribeClusterDetail: master_url lacks the endpoints: {master_url}")
checked(
    "cs.DescribeClusterUserKubeconfig",
    lambda: cs.describe_cluster_user_kubeconfig_with_options(
        "c-app", cs_models.DescribeClusterUserKubeconfigRequest(private_ip_address=False), {}, util_models.RuntimeOptions()
    ),
    cs_models.DescribeClusterUserKubeconfigResponseBody,
)
checked(
    "RemoveClusterFromServiceMesh",
    lambda: asm.remove_cluster_from_service_mesh(
        asm_models.RemoveClusterFromServiceMeshRequest(service_mesh_id=mesh_id, cluster_id="c-app")
    ),
    asm_models.RemoveClusterFromServiceMeshResponseBody,
)
wait_state(mesh_id, "running")
checked(
    "DeleteServiceMesh",
    lambda: asm.delete_service_mesh(asm_models.DeleteServiceMeshRequest(service_mesh_id=mesh_id)),
    asm_models.DeleteServiceMeshResponseBody,
)

print(f"{len(failures)} contract failure(s)")
sys.exit(1 if failures else 0)
