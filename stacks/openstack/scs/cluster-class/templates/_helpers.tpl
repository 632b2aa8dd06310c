{{/* The name every object of this stack version carries: <provider>-<name>-<major>-<minor>-<version>. */}}
{{- define "stack.name" -}}
{{ .Release.Name }}-{{ .Chart.Version }}
{{- end -}}

{{/* The machine deployment classes this ClusterClass offers, with the flavor each uses by default. */}}
{{- define "stack.workerClasses" -}}
default-worker: {{ .Values.flavors.defaultWorker }}
large-worker: {{ .Values.flavors.largeWorker }}
{{- end -}}
