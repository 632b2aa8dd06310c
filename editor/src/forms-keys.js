// The JSON keys of generator.manifests' ClusterForm.to_dict() and ClusterStackForm.to_dict():
// the form reads and writes exactly these, Python owns their meaning.
export const CLUSTER = {
  className: "className",
  name: "name",
  namespace: "namespace",
  kubernetesVersion: "kubernetesVersion",
  controlPlaneReplicas: "controlPlaneReplicas",
  machineDeployments: "machineDeployments",
  mdName: "name",
  mdClass: "class",
  mdReplicas: "replicas",
  mdVariables: "variables", // a pool's variable overrides, by name
  controlPlaneVariables: "controlPlaneVariables", // the control plane's variable overrides, by name
  podCidrs: "podCidrs",
  serviceCidrs: "serviceCidrs",
  variables: "variables",
};

export const CLUSTERSTACK = {
  className: "className",
  namespace: "namespace",
  channel: "channel",
  versions: "versions",
  autoSubscribe: "autoSubscribe",
  identitySecret: "identitySecret",
};
