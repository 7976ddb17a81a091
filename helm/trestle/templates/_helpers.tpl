{{/*
Names. The release's base name, and one resource name per service: <fullname>-<service>, e.g. trestle-odoo-sink.
*/}}
{{- define "trestle.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "trestle.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "trestle.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The facts about the services' code (files/services.yaml), parsed once per use. */}}
{{- define "trestle.facts" -}}
{{- .Files.Get "files/services.yaml" }}
{{- end }}

{{/* Resource name of a service. Argument: dict root, svc. */}}
{{- define "trestle.componentName" -}}
{{- printf "%s-%s" (include "trestle.fullname" .root) .svc | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "trestle.selectorLabels" -}}
app.kubernetes.io/name: {{ include "trestle.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .svc }}
{{- end }}

{{- define "trestle.labels" -}}
helm.sh/chart: {{ include "trestle.chart" .root }}
{{ include "trestle.selectorLabels" . }}
app.kubernetes.io/part-of: trestle
app.kubernetes.io/version: {{ include "trestle.imageTag" .root | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Labels of resources that belong to no single service (topics). */}}
{{- define "trestle.releaseLabels" -}}
helm.sh/chart: {{ include "trestle.chart" . }}
app.kubernetes.io/name: {{ include "trestle.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: trestle
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "trestle.imageTag" -}}
{{- default .Chart.AppVersion .Values.image.tag }}
{{- end }}

{{/* <registry>/<repository>/<service>:<tag>. Argument: dict root, svc. */}}
{{- define "trestle.image" -}}
{{- $image := .root.Values.image }}
{{- printf "%s/%s/%s:%s" $image.registry $image.repository .svc (include "trestle.imageTag" .root) }}
{{- end }}

{{/* Where Strimzi resources go: the operators' namespace, else the release's. */}}
{{- define "trestle.strimziNamespace" -}}
{{- default .Release.Namespace .Values.strimzi.namespace }}
{{- end }}

{{/* A MicroProfile property name as the environment variable Quarkus reads it from. */}}
{{- define "trestle.envName" -}}
{{- regexReplaceAll "[^A-Za-z0-9]" . "_" | upper }}
{{- end }}

{{/* Environment variables that must never be plain values: they are only ever rendered from Secrets. */}}
{{- define "trestle.secretEnvPattern" -}}
(API_KEYS?|PASSWORD|SECRETS?|JAAS_CONFIG|AUTH_HEADER_VALUE|CREDENTIALS?)$
{{- end }}

{{- define "trestle.kafkaSecurityProtocol" -}}
{{- $kafka := .Values.kafka }}
{{- $sasl := hasPrefix "scram-" $kafka.authentication.type }}
{{- if and $kafka.tls.enabled $sasl }}SASL_SSL
{{- else if $kafka.tls.enabled }}SSL
{{- else if $sasl }}SASL_PLAINTEXT
{{- else }}PLAINTEXT
{{- end }}
{{- end }}

{{/*
The Secret a service's Kafka credentials come from: services.<x>.kafka.credentialsSecret, else the one Strimzi generates
for the service's KafkaUser (named like the user). Empty when Kafka needs no credentials. Argument: dict root, svc, values.
*/}}
{{- define "trestle.kafkaCredentialsSecret" -}}
{{- if ne .root.Values.kafka.authentication.type "none" }}
{{- $own := .values.kafka.credentialsSecret }}
{{- if $own }}
{{- $own }}
{{- else if and .root.Values.strimzi.enabled .root.Values.strimzi.users.enabled }}
{{- include "trestle.componentName" . }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The Odoo user a service writes or polls as: its own login and key when set, else odoo.login and odoo.apiKey.
Argument: the service's values. Result: YAML with login, secret, key.
*/}}
{{- define "trestle.odooUser" -}}
{{- $own := .values.odoo }}
{{- if $own.login }}
login: {{ $own.login | quote }}
secret: {{ $own.apiKey.existingSecret | quote }}
key: {{ $own.apiKey.key | quote }}
{{- else }}
login: {{ .root.Values.odoo.login | quote }}
secret: {{ .root.Values.odoo.apiKey.existingSecret | quote }}
key: {{ .root.Values.odoo.apiKey.key | quote }}
{{- end }}
{{- end }}

{{/*
The non-secret environment of a service, as a YAML map: what the chart derives from its typed values, then the
service's config. Argument: dict root, svc, facts (the service's entry of files/services.yaml), values.
*/}}
{{- define "trestle.chartEnv" -}}
{{- $root := .root }}
{{- $kafka := $root.Values.kafka }}
{{- $env := dict }}
{{- $_ := set $env "KAFKA_BOOTSTRAP_SERVERS" $kafka.bootstrapServers }}
{{- $_ := set $env "KAFKA_SECURITY_PROTOCOL" (include "trestle.kafkaSecurityProtocol" $root) }}
{{- if hasPrefix "scram-" $kafka.authentication.type }}
{{- $_ := set $env "KAFKA_SASL_MECHANISM" (upper $kafka.authentication.type) }}
{{- end }}
{{- if and $kafka.tls.enabled $kafka.tls.ca.existingSecret }}
{{- $_ := set $env "KAFKA_SSL_TRUSTSTORE_TYPE" "PEM" }}
{{- $_ := set $env "KAFKA_SSL_TRUSTSTORE_LOCATION" (printf "/etc/trestle/kafka/ca/%s" $kafka.tls.ca.key) }}
{{- end }}
{{- if eq $kafka.authentication.type "tls" }}
{{- $_ := set $env "KAFKA_SSL_KEYSTORE_TYPE" "PKCS12" }}
{{- $_ := set $env "KAFKA_SSL_KEYSTORE_LOCATION" (printf "/etc/trestle/kafka/user/%s" $kafka.authentication.keystoreKey) }}
{{- end }}
{{- $_ := set $env "TRESTLE_REGISTRY_URL" $root.Values.registry.url }}
{{- $_ := set $env "TRESTLE_REGISTRY_AUTO_REGISTER" (toString $root.Values.registry.autoRegister) }}
{{- if eq $root.Values.registry.auth.type "oidc" }}
{{- $_ := set $env "TRESTLE_REGISTRY_AUTH_TOKEN_ENDPOINT" $root.Values.registry.auth.tokenEndpoint }}
{{- end }}
{{- $_ := set $env "JAVA_TOOL_OPTIONS" .values.javaOptions }}
{{- with .facts.kafka.streamsApplicationId }}
{{- $_ := set $env "QUARKUS_KAFKA_STREAMS_APPLICATION_ID" . }}
{{- $_ := set $env "KAFKA_STREAMS_STATE_DIR" "/var/lib/trestle/kafka-streams" }}
{{- end }}
{{- if eq .svc "odoo-sink" }}
{{- $user := include "trestle.odooUser" . | fromYaml }}
{{- $_ := set $env "TRESTLE_ODOO_SINK_ODOO_URL" $root.Values.odoo.url }}
{{- $_ := set $env "TRESTLE_ODOO_SINK_ODOO_DATABASE" $root.Values.odoo.database }}
{{- $_ := set $env "TRESTLE_ODOO_SINK_ODOO_LOGIN" $user.login }}
{{- end }}
{{- if eq .svc "odoo-connector" }}
{{- $_ := set $env "TRESTLE_ODOO_CONNECTOR_MODE" .values.mode }}
{{- if eq .values.mode "POLLING" }}
{{- $user := include "trestle.odooUser" . | fromYaml }}
{{- $_ := set $env "TRESTLE_ODOO_CONNECTOR_ODOO_URL" $root.Values.odoo.url }}
{{- $_ := set $env "TRESTLE_ODOO_CONNECTOR_ODOO_DATABASE" $root.Values.odoo.database }}
{{- $_ := set $env "TRESTLE_ODOO_CONNECTOR_ODOO_LOGIN" $user.login }}
{{- else }}
{{- $_ := set $env "TRESTLE_ODOO_CONNECTOR_CDC_HOST" .values.cdc.host }}
{{- $_ := set $env "TRESTLE_ODOO_CONNECTOR_CDC_PORT" (toString (int64 .values.cdc.port)) }}
{{- $_ := set $env "TRESTLE_ODOO_CONNECTOR_CDC_DATABASE" .values.cdc.database }}
{{- $_ := set $env "TRESTLE_ODOO_CONNECTOR_CDC_USER" .values.cdc.user }}
{{- end }}
{{- end }}
{{- if eq .svc "schedule-connector" }}
{{- $_ := set $env "TRESTLE_SCHEDULE_CONNECTOR_DATA_DIR" "/var/lib/trestle/schedule-connector" }}
{{- end }}
{{- toYaml $env }}
{{- end }}

{{/*
The environment a service reads from Secrets and from its pod, as a YAML map with the EnvVar list under "env": Kafka
and registry credentials, the Odoo key, the service's secretConfig, and the aggregator's pod address (other instances
forward analyst queries to it). Argument: dict root, svc, facts, values.
*/}}
{{- define "trestle.podEnv" -}}
{{- $root := .root }}
{{- $kafka := $root.Values.kafka }}
{{- $credentials := include "trestle.kafkaCredentialsSecret" . }}
{{- $env := list }}
{{- if hasPrefix "scram-" $kafka.authentication.type }}
{{- $env = append $env (dict "name" "KAFKA_SASL_JAAS_CONFIG" "valueFrom" (dict "secretKeyRef" (dict "name" $credentials "key" $kafka.authentication.jaasConfigKey))) }}
{{- end }}
{{- if eq $kafka.authentication.type "tls" }}
{{- $env = append $env (dict "name" "KAFKA_SSL_KEYSTORE_PASSWORD" "valueFrom" (dict "secretKeyRef" (dict "name" $credentials "key" $kafka.authentication.keystorePasswordKey))) }}
{{- end }}
{{- $registry := $root.Values.registry.auth }}
{{- if eq $registry.type "basic" }}
{{- $env = append $env (dict "name" "TRESTLE_REGISTRY_AUTH_USERNAME" "valueFrom" (dict "secretKeyRef" (dict "name" $registry.existingSecret "key" $registry.usernameKey))) }}
{{- $env = append $env (dict "name" "TRESTLE_REGISTRY_AUTH_PASSWORD" "valueFrom" (dict "secretKeyRef" (dict "name" $registry.existingSecret "key" $registry.passwordKey))) }}
{{- else if eq $registry.type "oidc" }}
{{- $env = append $env (dict "name" "TRESTLE_REGISTRY_AUTH_CLIENT_ID" "valueFrom" (dict "secretKeyRef" (dict "name" $registry.existingSecret "key" $registry.clientIdKey))) }}
{{- $env = append $env (dict "name" "TRESTLE_REGISTRY_AUTH_CLIENT_SECRET" "valueFrom" (dict "secretKeyRef" (dict "name" $registry.existingSecret "key" $registry.clientSecretKey))) }}
{{- end }}
{{- if or (eq .svc "odoo-sink") (and (eq .svc "odoo-connector") (eq .values.mode "POLLING")) }}
{{- $user := include "trestle.odooUser" . | fromYaml }}
{{- $env = append $env (dict "name" (printf "TRESTLE_%s_ODOO_API_KEY" (include "trestle.envName" .svc)) "valueFrom" (dict "secretKeyRef" (dict "name" $user.secret "key" $user.key))) }}
{{- end }}
{{- if and (eq .svc "odoo-connector") (eq .values.mode "CDC") }}
{{- $env = append $env (dict "name" "TRESTLE_ODOO_CONNECTOR_CDC_PASSWORD" "valueFrom" (dict "secretKeyRef" (dict "name" .values.cdc.password.existingSecret "key" .values.cdc.password.key))) }}
{{- end }}
{{- range $property, $ref := .values.secretConfig }}
{{- $env = append $env (dict "name" (include "trestle.envName" $property) "valueFrom" (dict "secretKeyRef" (dict "name" $ref.existingSecret "key" $ref.key))) }}
{{- end }}
{{- if eq .svc "telemetry-aggregator" }}
{{- $env = append $env (dict "name" "TRESTLE_TELEMETRY_AGGREGATOR_QUERIES_ADVERTISED_HOST" "valueFrom" (dict "fieldRef" (dict "fieldPath" "status.podIP"))) }}
{{- end }}
{{- toYaml (dict "env" $env) }}
{{- end }}

{{/* Whether the equipment connector polls vendors: any vendors.* setting, plain or secret. Argument: service values. */}}
{{- define "trestle.pollsVendors" -}}
{{- range $property, $_ := merge (dict) .config .secretConfig }}
{{- if hasPrefix "trestle.equipment-connector.vendors." $property }}true{{ end }}
{{- end }}
{{- end }}

{{/* Replicas a workload runs, unless an autoscaler decides. Argument: dict facts, values. */}}
{{- define "trestle.replicas" -}}
{{- if .facts.singleton }}1{{ else }}{{ int64 .values.replicas }}{{ end }}
{{- end }}

{{- define "trestle.autoscaled" -}}
{{- if and .values.autoscaling .values.autoscaling.enabled }}true{{ end }}
{{- end }}

{{/* One NetworkPolicy egress rule: to the peers (any address when none) on the ports. Argument: dict to, ports. */}}
{{- define "trestle.egressRule" -}}
- ports:
    {{- range .ports }}
    - port: {{ . }}
      protocol: TCP
    {{- end }}
  {{- with .to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
