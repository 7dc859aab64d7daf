/**
 * The check registry: every check, listed explicitly. A check exists only when it is registered here,
 * and the registry test then demands its fixture pair and its twin.
 */
import type { Check } from './check.js';
import typeChanged from './schema-type-changed.js';
import typeWidened from './schema-type-widened.js';
import typeNarrowed from './schema-type-narrowed.js';
import nullableAdded from './schema-nullable-added.js';
import nullableRemoved from './schema-nullable-removed.js';
import formatChanged from './schema-format-changed.js';
import formatAdded from './schema-format-added.js';
import formatRemoved from './schema-format-removed.js';
import formatWidened from './schema-format-widened.js';
import patternChanged from './schema-pattern-changed.js';
import patternAdded from './schema-pattern-added.js';
import patternRemoved from './schema-pattern-removed.js';
import patternWidened from './schema-pattern-widened.js';
import patternNarrowed from './schema-pattern-narrowed.js';
import enumValueAdded from './schema-enum-value-added.js';
import enumValueRemoved from './schema-enum-value-removed.js';
import enumAdded from './schema-enum-added.js';
import enumRemoved from './schema-enum-removed.js';
import extensibleEnumValueAdded from './schema-extensible-enum-value-added.js';
import extensibleEnumValueRemoved from './schema-extensible-enum-value-removed.js';
import constraintNarrowed from './schema-constraint-narrowed.js';
import constraintWidened from './schema-constraint-widened.js';
import constraintChanged from './schema-constraint-changed.js';
import propertyAdded from './schema-property-added.js';
import requiredPropertyAdded from './schema-required-property-added.js';
import propertyRemoved from './schema-property-removed.js';
import requiredPropertyRemoved from './schema-required-property-removed.js';
import closedPropertyRemoved from './schema-closed-property-removed.js';
import deprecatedPropertyRemoved from './schema-deprecated-property-removed.js';
import propertyBecameRequired from './schema-property-became-required.js';
import propertyBecameOptional from './schema-property-became-optional.js';
import additionalPropertiesClosed from './schema-additional-properties-closed.js';
import additionalPropertiesOpened from './schema-additional-properties-opened.js';
import branchAdded from './schema-branch-added.js';
import branchRemoved from './schema-branch-removed.js';
import discriminatorChanged from './schema-discriminator-changed.js';
import discriminatorMappingAdded from './schema-discriminator-mapping-added.js';
import discriminatorMappingRemoved from './schema-discriminator-mapping-removed.js';
import defaultChanged from './schema-default-changed.js';
import defaultAdded from './schema-default-added.js';
import defaultRemoved from './schema-default-removed.js';
import readOnlyAdded from './schema-read-only-added.js';
import writeOnlyAdded from './schema-write-only-added.js';
import operationRemoved from './operation-removed.js';
import operationRemovedBeforeSunset from './operation-removed-before-sunset.js';
import deprecatedOperationRemovedWithoutSunset from './deprecated-operation-removed-without-sunset.js';
import deprecatedOperationRemoved from './deprecated-operation-removed.js';
import operationAdded from './operation-added.js';
import operationDeprecated from './operation-deprecated.js';
import operationIdChanged from './operation-id-changed.js';
import operationMoved from './operation-moved.js';
import stabilityDecreased from './stability-decreased.js';
import sunsetBroughtForward from './sunset-brought-forward.js';
import requestParameterRemoved from './request-parameter-removed.js';
import requestParameterSunsetBroughtForward from './request-parameter-sunset-brought-forward.js';
import requestParameterRemovedBeforeSunset from './request-parameter-removed-before-sunset.js';
import requestDeprecatedParameterRemoved from './request-deprecated-parameter-removed.js';
import requestParameterReservedDisallowed from './request-parameter-reserved-disallowed.js';
import requestParameterEmptyValueDisallowed from './request-parameter-empty-value-disallowed.js';
import requestParameterAddedRequired from './request-parameter-added-required.js';
import requestParameterAdded from './request-parameter-added.js';
import requestParameterOrderChanged from './request-parameter-order-changed.js';
import requestParameterBecameRequired from './request-parameter-became-required.js';
import requestParameterBecameOptional from './request-parameter-became-optional.js';
import requestParameterLocationChanged from './request-parameter-location-changed.js';
import requestParameterStyleChanged from './request-parameter-style-changed.js';
import requestBodyAddedRequired from './request-body-added-required.js';
import requestBodyBecameRequired from './request-body-became-required.js';
import requestBodyBecameOptional from './request-body-became-optional.js';
import requestBodyRemoved from './request-body-removed.js';
import requestMediaTypeRemoved from './request-media-type-removed.js';
import responseMediaTypeRemoved from './response-media-type-removed.js';
import requestMediaTypeAdded from './request-media-type-added.js';
import requestMediaTypeSchemaAdded from './request-media-type-schema-added.js';
import responseMediaTypeSchemaAdded from './response-media-type-schema-added.js';
import requestMediaTypeSchemaRemoved from './request-media-type-schema-removed.js';
import responseMediaTypeSchemaRemoved from './response-media-type-schema-removed.js';
import responseMediaTypeAdded from './response-media-type-added.js';
import requestMediaTypeRangeChanged from './request-media-type-range-changed.js';
import requestMediaTypeEncodingChanged from './request-media-type-encoding-changed.js';
import responseMediaTypeEncodingChanged from './response-media-type-encoding-changed.js';
import responseMediaTypeRangeChanged from './response-media-type-range-changed.js';
import responseSuccessStatusRemoved from './response-success-status-removed.js';
import responseStatusRemoved from './response-status-removed.js';
import responseSuccessStatusAdded from './response-success-status-added.js';
import responseSuccessStatusChanged from './response-success-status-changed.js';
import responseStatusAdded from './response-status-added.js';
import responseRequiredHeaderRemoved from './response-required-header-removed.js';
import responseLinkRemoved from './response-link-removed.js';
import responseLinkChanged from './response-link-changed.js';
import responseLinkParameterRemoved from './response-link-parameter-removed.js';
import responseHeaderRemoved from './response-header-removed.js';
import responseDeprecatedHeaderRemoved from './response-deprecated-header-removed.js';
import responseHeaderBecameOptional from './response-header-became-optional.js';
import responseHeaderStyleChanged from './response-header-style-changed.js';
import securityRequirementAdded from './security-requirement-added.js';
import securityScopeAdded from './security-scope-added.js';
import securityRequirementRemoved from './security-requirement-removed.js';
import securitySchemeRemoved from './security-scheme-removed.js';
import securitySchemeChanged from './security-scheme-changed.js';
import serverRemoved from './server-removed.js';
import serverUrlChanged from './server-url-changed.js';
import serverBasePathChanged from './server-base-path-changed.js';
import specVersionChanged from './spec-version-changed.js';
import jsonSchemaDialectChanged from './json-schema-dialect-changed.js';
import contractRemoved from './contract-removed.js';
import contractAdded from './contract-added.js';
import channelRemoved from './channel-removed.js';
import channelServerRemoved from './channel-server-removed.js';
import replyAddressChanged from './reply-address-changed.js';
import channelAddressChanged from './channel-address-changed.js';
import operationActionChanged from './operation-action-changed.js';
import operationChannelChanged from './operation-channel-changed.js';
import requestMessageRemoved from './request-message-removed.js';
import responseMessageRemoved from './response-message-removed.js';
import requestMessageAdded from './request-message-added.js';
import responseMessageAdded from './response-message-added.js';
import messageContentTypeChanged from './message-content-type-changed.js';
import correlationIdChanged from './correlation-id-changed.js';
import kafkaMessageKeyChanged from './kafka-message-key-changed.js';
import bindingChanged from './binding-changed.js';
import bindingDestinationChanged from './binding-destination-changed.js';
import serverProtocolChanged from './server-protocol-changed.js';
import serverHostChanged from './server-host-changed.js';
import webhookRemoved from './webhook-removed.js';
import webhookRenamed from './webhook-renamed.js';
import callbackUrlChanged from './callback-url-changed.js';
import webhookResponseSuccessStatusRemoved from './webhook-response-success-status-removed.js';
import webhookResponseStatusRemoved from './webhook-response-status-removed.js';
import webhookResponseStatusAdded from './webhook-response-status-added.js';
import webhookRequiredParameterRemoved from './webhook-required-parameter-removed.js';
import webhookParameterRemoved from './webhook-parameter-removed.js';
import webhookDeprecatedParameterRemoved from './webhook-deprecated-parameter-removed.js';
import webhookParameterBecameOptional from './webhook-parameter-became-optional.js';
import webhookParameterStyleChanged from './webhook-parameter-style-changed.js';
import webhookParameterEmptyValueAllowed from './webhook-parameter-empty-value-allowed.js';
import webhookParameterReservedAllowed from './webhook-parameter-reserved-allowed.js';
import webhookParameterSunsetBroughtForward from './webhook-parameter-sunset-brought-forward.js';
import webhookResponseHeaderAddedRequired from './webhook-response-header-added-required.js';
import webhookResponseHeaderBecameRequired from './webhook-response-header-became-required.js';
import webhookResponseHeaderRemoved from './webhook-response-header-removed.js';
import webhookResponseDeprecatedHeaderRemoved from './webhook-response-deprecated-header-removed.js';
import webhookResponseHeaderStyleChanged from './webhook-response-header-style-changed.js';
import serverVariableChanged from './server-variable-changed.js';
import serverSecurityRemoved from './server-security-removed.js';
import channelParameterChanged from './channel-parameter-changed.js';
import channelParameterPatternChanged from './channel-parameter-pattern-changed.js';
import messageSchemaFormatChanged from './message-schema-format-changed.js';
import payloadNotCompared from './payload-not-compared.js';

export const SCHEMA_CHECKS: readonly Check[] = [
  ...[
    typeChanged,
    typeWidened,
    typeNarrowed,
    nullableAdded,
    nullableRemoved,
    formatChanged,
    formatAdded,
    formatRemoved,
    formatWidened,
    patternChanged,
    patternAdded,
    patternRemoved,
    patternWidened,
    patternNarrowed,
    enumValueAdded,
    enumValueRemoved,
    enumAdded,
    enumRemoved,
    extensibleEnumValueAdded,
    extensibleEnumValueRemoved,
    constraintNarrowed,
    constraintWidened,
    constraintChanged,
    propertyAdded,
    requiredPropertyAdded,
    propertyRemoved,
    requiredPropertyRemoved,
    closedPropertyRemoved,
    deprecatedPropertyRemoved,
    propertyBecameRequired,
    propertyBecameOptional,
    additionalPropertiesClosed,
    additionalPropertiesOpened,
    branchAdded,
    branchRemoved,
    discriminatorChanged,
    discriminatorMappingAdded,
    discriminatorMappingRemoved,
    defaultChanged,
    defaultAdded,
    defaultRemoved,
    readOnlyAdded,
    writeOnlyAdded,
  ].flat(),
];

export const STRUCTURE_CHECKS: readonly Check[] = [
  operationRemoved,
  operationRemovedBeforeSunset,
  deprecatedOperationRemovedWithoutSunset,
  deprecatedOperationRemoved,
  operationAdded,
  operationDeprecated,
  operationIdChanged,
  operationMoved,
  stabilityDecreased,
  sunsetBroughtForward,
  requestParameterRemoved,
  requestParameterRemovedBeforeSunset,
  requestParameterSunsetBroughtForward,
  requestDeprecatedParameterRemoved,
  requestParameterAddedRequired,
  requestParameterAdded,
  requestParameterOrderChanged,
  requestParameterBecameRequired,
  requestParameterBecameOptional,
  requestParameterLocationChanged,
  requestParameterStyleChanged,
  requestParameterEmptyValueDisallowed,
  requestParameterReservedDisallowed,
  requestBodyAddedRequired,
  requestBodyBecameRequired,
  requestBodyBecameOptional,
  requestBodyRemoved,
  requestMediaTypeRemoved,
  responseMediaTypeRemoved,
  requestMediaTypeAdded,
  responseMediaTypeAdded,
  requestMediaTypeSchemaAdded,
  responseMediaTypeSchemaAdded,
  requestMediaTypeSchemaRemoved,
  responseMediaTypeSchemaRemoved,
  requestMediaTypeRangeChanged,
  requestMediaTypeEncodingChanged,
  responseMediaTypeEncodingChanged,
  responseMediaTypeRangeChanged,
  responseSuccessStatusRemoved,
  responseStatusRemoved,
  responseSuccessStatusAdded,
  responseSuccessStatusChanged,
  responseStatusAdded,
  responseRequiredHeaderRemoved,
  responseLinkRemoved,
  responseLinkChanged,
  responseLinkParameterRemoved,
  responseHeaderRemoved,
  responseDeprecatedHeaderRemoved,
  responseHeaderBecameOptional,
  responseHeaderStyleChanged,
  securityRequirementAdded,
  securityScopeAdded,
  securityRequirementRemoved,
  securitySchemeRemoved,
  securitySchemeChanged,
  serverUrlChanged,
  serverBasePathChanged,
  specVersionChanged,
  jsonSchemaDialectChanged,
  contractRemoved,
  contractAdded,
  channelRemoved,
  channelServerRemoved,
  replyAddressChanged,
  channelAddressChanged,
  operationActionChanged,
  operationChannelChanged,
  requestMessageRemoved,
  responseMessageRemoved,
  requestMessageAdded,
  responseMessageAdded,
  messageContentTypeChanged,
  correlationIdChanged,
  kafkaMessageKeyChanged,
  bindingChanged,
  bindingDestinationChanged,
  serverRemoved,
  serverProtocolChanged,
  serverHostChanged,
  serverVariableChanged,
  serverSecurityRemoved,
  channelParameterChanged,
  channelParameterPatternChanged,
  messageSchemaFormatChanged,
  payloadNotCompared,
  webhookRemoved,
  webhookRenamed,
  callbackUrlChanged,
  webhookResponseSuccessStatusRemoved,
  webhookResponseStatusRemoved,
  webhookResponseStatusAdded,
  webhookRequiredParameterRemoved,
  webhookParameterRemoved,
  webhookDeprecatedParameterRemoved,
  webhookParameterBecameOptional,
  webhookParameterStyleChanged,
  webhookParameterEmptyValueAllowed,
  webhookParameterReservedAllowed,
  webhookParameterSunsetBroughtForward,
  webhookResponseHeaderAddedRequired,
  webhookResponseHeaderBecameRequired,
  webhookResponseHeaderRemoved,
  webhookResponseDeprecatedHeaderRemoved,
  webhookResponseHeaderStyleChanged,
];

export const CHECKS: readonly Check[] = [...STRUCTURE_CHECKS, ...SCHEMA_CHECKS];

export const CHECKS_BY_ID: ReadonlyMap<string, Check> = new Map(CHECKS.map((c) => [c.id, c]));
