// Regenerates kubernetes-1.27.1.schema.json from the npm packages kubernetes-models@4.3.1 and
// @kubernetes-models/apimachinery@1.2.2 (MIT; generated from the Kubernetes 1.27.1 OpenAPI document).
// Those versions are the last that ship the schemas as plain JSON Schema objects (later ones ship compiled
// validators). Only the kinds under deploy/k8s and what they reference are kept.
//
//   mkdir -p /tmp/k8s/node_modules && cd /tmp/k8s && npm install --no-save kubernetes-models@4.3.1 @kubernetes-models/apimachinery@1.2.2
//   node extract-kubernetes-schemas.cjs /tmp/k8s/node_modules > kubernetes-1.27.1.schema.json
"use strict";
const Module = require("module");
const path = require("path");

const nodeModules = path.resolve(process.argv[2] ?? "node_modules");
const kinds = {
  "v1/Namespace": "io.k8s.api.core.v1.Namespace",
  "v1/ConfigMap": "io.k8s.api.core.v1.ConfigMap",
  "v1/Secret": "io.k8s.api.core.v1.Secret",
  "v1/Service": "io.k8s.api.core.v1.Service",
  "apps/v1/Deployment": "io.k8s.api.apps.v1.Deployment",
  "autoscaling/v2/HorizontalPodAutoscaler": "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler",
};

// The packages register each schema with @kubernetes-models/validate; collect them instead.
const registered = {};
const stub = { register: (id, schema) => { registered[id] = schema; } };
const originalLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === "@kubernetes-models/validate") return stub;
  if (request === "tslib") return {};
  return originalLoad.call(this, request, parent, isMain);
};
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request.startsWith("@kubernetes-models/apimachinery") || request.startsWith("kubernetes-models")) {
    return originalResolve.call(this, path.join(nodeModules, request), parent, ...rest);
  }
  return originalResolve.call(this, request, parent, ...rest);
};

const fileOf = (id) => "Io" + id.split(".").slice(1).map((part) => part[0].toUpperCase() + part.slice(1)).join("");
for (const id of Object.values(kinds)) {
  require(path.join(nodeModules, "kubernetes-models", "_schemas", fileOf(id) + ".js")).addSchema();
}

// "io.k8s.api.apps.v1.DeploymentSpec#" becomes "#/definitions/io.k8s.api.apps.v1.DeploymentSpec".
const rewrite = (node) => {
  if (Array.isArray(node)) return node.map(rewrite);
  if (node && typeof node === "object") {
    return Object.fromEntries(Object.entries(node).map(([key, value]) =>
      key === "$ref" ? [key, "#/definitions/" + value.replace(/#$/, "")] : [key, rewrite(value)]));
  }
  return node;
};
const definitions = Object.fromEntries(Object.keys(registered).sort().map((id) => [id, rewrite(registered[id])]));
process.stdout.write(JSON.stringify({
  $schema: "http://json-schema.org/draft-07/schema#",
  $comment: "Kubernetes 1.27.1, from npm kubernetes-models@4.3.1 and @kubernetes-models/apimachinery@1.2.2 (MIT). Regenerate with extract-kubernetes-schemas.cjs.",
  kinds,
  definitions,
}, null, 1) + "\n");
