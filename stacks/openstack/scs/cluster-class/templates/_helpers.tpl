{{/* The name every object of this stack version carries: <provider>-<name>-<major>-<minor>-<version>. */}}
{{- define "stack.name" -}}
{{ .Release.Name }}-{{ .Chart.Version }}
{{- end -}}
