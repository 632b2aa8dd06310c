{{/* The name every object of this stack version carries. */}}
{{- define "stack.name" -}}
{{ .Release.Name }}-{{ .Chart.Version }}
{{- end -}}
