// Løft in one resource group of a municipality's own Azure subscription (docs/deploy.md):
//   - a user-assigned managed identity: the bot's identity (Azure Bot, UserAssignedMSI) and the app's identity towards
//     Cosmos DB (data plane role assignment) — no key, password or client secret exists anywhere;
//   - App Service on Linux (Node 22 LTS) running the app (bot at /api/messages, tab at /tab/, health at /healthz);
//   - Azure Bot with the Teams channel;
//   - Azure Cosmos DB for NoSQL (serverless by default, continuous backup, local auth off) with the database and the
//     containers of src/store/containers.ts;
//   - Application Insights on a Log Analytics workspace.
// Deployed by `arm/deploy` in m365agents.yml with infra/azure.parameters.json. Checked here only as text against the
// code (test/unit/infra.test.ts): no Bicep compiler runs on the machine this was written on.
// Keep to syntax Bicep v0.9 understands (the version m365agents.yml asks the Toolkit for): objects and arrays one
// property or element a line, no multi-line function calls.

@minLength(3)
@maxLength(20)
@description('The start of every resource name: lowercase letters, digits and hyphens, e.g. loft-aarhus.')
param resourceBaseName string

@description('An EU region, so the data stays in the EU (docs/deploy.md, "Region").')
@allowed([
  'swedencentral'
  'northeurope'
  'westeurope'
  'germanywestcentral'
  'francecentral'
])
param location string = 'swedencentral'

@description('The client id of the Entra app registration for the tab\'s SSO (aadApp/create). Its v2 access tokens carry it as their audience.')
param aadAppClientId string

@description('The App Service plan. Basic runs up to 3 instances; Premium v3 adds zone redundancy and more memory.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'P0v3'
  'P1v3'
  'P2v3'
])
param appServiceSku string = 'B1'

@description('App Service instances. Two is safe: durable jobs are claimed with ETags (src/scheduler/index.ts).')
@minValue(1)
@maxValue(10)
param instanceCount int = 2

@description('true: Cosmos DB serverless (pay per request unit, one region). false: provisioned autoscale throughput shared by the database.')
param cosmosServerless bool = true

@description('Only when cosmosServerless is false: the autoscale maximum (RU/s) the database\'s containers share.')
@minValue(1000)
param cosmosMaxThroughput int = 1000

@description('Point-in-time restore window. 7 days costs nothing for the backup itself; 30 days is charged per GB.')
@allowed([
  'Continuous7Days'
  'Continuous30Days'
])
param cosmosBackupTier string = 'Continuous7Days'

@description('Empty: the account is named cosmos-<base>-<suffix>. After a point-in-time restore into a new account (docs/deploy.md, "Restore"), that account\'s name, so provisioning takes it over and points the app at it.')
param cosmosAccountName string = ''

@description('The Cosmos DB database; the app reads COSMOS_DATABASE (default loft).')
param databaseName string = 'loft'

@description('global: the Azure Bot resource as Microsoft\'s templates make it. westeurope: a regional bot (EU data residency of the Bot Service), see docs/deploy.md.')
@allowed([
  'global'
  'westeurope'
])
param botServiceLocation string = 'global'

@description('F0 and S1 both carry Teams (a standard channel) without charge.')
@allowed([
  'F0'
  'S1'
])
param botServiceSku string = 'F0'

@description('LOG_LEVEL of the app (src/config.ts).')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

@description('The national centre\'s people, who see the national view (figures across every corps, the list of corps municipalities): comma-separated tenantId/objectId of their Entra accounts. Empty: nobody.')
param nationalCentre string = ''

@description('App Service\'s own Application Insights Node.js agent. Off by default: the app feeds Application Insights itself through OpenTelemetry (src/telemetry.ts: requests, dependencies, its job and message counts) when APPLICATIONINSIGHTS_CONNECTION_STRING is set; both would count everything twice.')
param enableApplicationInsightsAgent bool = false

@description('Days the Log Analytics workspace keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

var base = toLower(resourceBaseName)
// Names that must be unique in all of Azure (the web app's host name, the Cosmos DB account, the bot) get a suffix
// that is stable for this resource group.
var suffix = take(uniqueString(resourceGroup().id), 6)
var names = {
  identity: 'id-${base}'
  plan: 'plan-${base}'
  site: '${base}-${suffix}'
  cosmos: empty(cosmosAccountName) ? 'cosmos-${base}-${suffix}' : cosmosAccountName
  bot: 'bot-${base}-${suffix}'
  logs: 'log-${base}'
  insights: 'appi-${base}'
}
var tags = {
  app: 'loft'
}

// ── Identity ────────────────────────────────────────────────────────────────────────────────────

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
  tags: tags
}

// ── Monitoring ──────────────────────────────────────────────────────────────────────────────────

resource workspace 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: names.logs
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionInDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: names.insights
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    // Client IP addresses are masked (the default), kept that way on purpose.
    DisableIpMasking: false
  }
}

// ── Cosmos DB ───────────────────────────────────────────────────────────────────────────────────

var serverlessCapability = [
  {
    name: 'EnableServerless'
  }
]

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: names.cosmos
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: cosmosServerless ? serverlessCapability : []
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: cosmosBackupTier
      }
    }
    // Entra ID only: no account keys can be used, so none can leak or need rotating.
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

var sharedThroughput = {
  autoscaleSettings: {
    maxThroughput: cosmosMaxThroughput
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: cosmos
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    options: cosmosServerless ? {} : sharedThroughput
  }
}

// The containers exactly as src/store/containers.ts defines them (ids and partition keys; the app cannot create a
// container itself under Entra-only access, so every container it opens must be here — test/unit/infra.test.ts).
//
// ttl: true sets defaultTtl -1 — TTL on, but only items that carry their own `ttl` ever expire. That is the second line
// of defence behind the app's hourly retention job (src/domain/erasure.ts, docs/privacy.md "How long data lives"): the
// job sets `ttl` on a closed case and its entries 31 days after closing, expiring a month after their erasure is due.
//
// Composite indexes, per Microsoft's rules (learn.microsoft.com/azure/cosmos-db/index-policy): ORDER BY on two or more
// properties needs one (no query does that today; the test fails if one appears without its index). Filters on several
// properties — equalities first, at most one range filter and that last — are served by one as the queries stand.
// A filter with an ORDER BY on another property uses one only if the ORDER BY names the filtered properties first
// (e.g. `ORDER BY c.corpsId, c.type, c.code`); the indexes marked "rewrite" are for those rewrites, which the
// other engineers are asked to make (the report that came with this file). Each path is ascending unless it says so.
var cosmosContainers = [
  {
    id: 'corps'
    partitionKey: '/corpsId'
    ttl: true
    compositeIndexes: [
      // today: checkIns.listRounds (corpsId =, type =, month between) and checkIns.listRequests (corpsId =, type =, month =)
      [
        {
          path: '/corpsId'
          order: 'ascending'
        }
        {
          path: '/type'
          order: 'ascending'
        }
        {
          path: '/month'
          order: 'ascending'
        }
      ]
      // today: cases.listClosedBefore (corpsId =, type =, status =, closedAt <), the hourly retention plan
      [
        {
          path: '/corpsId'
          order: 'ascending'
        }
        {
          path: '/type'
          order: 'ascending'
        }
        {
          path: '/status'
          order: 'ascending'
        }
        {
          path: '/closedAt'
          order: 'ascending'
        }
      ]
      // rewrite: cases.list as ORDER BY c.corpsId, c.type, c.code
      [
        {
          path: '/corpsId'
          order: 'ascending'
        }
        {
          path: '/type'
          order: 'ascending'
        }
        {
          path: '/code'
          order: 'ascending'
        }
      ]
      // rewrite: cases.listForCoach as ORDER BY c.corpsId, c.type, c.coachId, c.code
      [
        {
          path: '/corpsId'
          order: 'ascending'
        }
        {
          path: '/type'
          order: 'ascending'
        }
        {
          path: '/coachId'
          order: 'ascending'
        }
        {
          path: '/code'
          order: 'ascending'
        }
      ]
    ]
  }
  {
    id: 'entries'
    partitionKey: '/corpsId'
    ttl: true
    compositeIndexes: [
      // today: entries.listSince (corpsId =, createdAt >=), the monthly summary's read
      [
        {
          path: '/corpsId'
          order: 'ascending'
        }
        {
          path: '/createdAt'
          order: 'ascending'
        }
      ]
      // rewrite: entries.listForCase as ORDER BY c.corpsId, c.caseId, c.createdAt
      [
        {
          path: '/corpsId'
          order: 'ascending'
        }
        {
          path: '/caseId'
          order: 'ascending'
        }
        {
          path: '/createdAt'
          order: 'ascending'
        }
      ]
    ]
  }
  {
    id: 'jobs'
    partitionKey: '/corpsId'
    ttl: false
    compositeIndexes: [
      // today: jobs.due, its first branch (status = 'pending' AND dueAt <=). The query ORs two such branches and orders
      // by dueAt; Microsoft documents composite indexes for AND-ed filters, so whether the engine uses these two inside
      // the OR is its choice (the query metrics tell, docs/deploy.md). The container holds only work to do.
      [
        {
          path: '/status'
          order: 'ascending'
        }
        {
          path: '/dueAt'
          order: 'ascending'
        }
      ]
      // today: jobs.due, its second branch (status = 'claimed' AND claimedAt <=)
      [
        {
          path: '/status'
          order: 'ascending'
        }
        {
          path: '/claimedAt'
          order: 'ascending'
        }
      ]
      // today: jobs.purgeFinishedMessages (kind =, finishedAt <; the status OR is filtered by the range index)
      [
        {
          path: '/kind'
          order: 'ascending'
        }
        {
          path: '/finishedAt'
          order: 'ascending'
        }
      ]
    ]
  }
  {
    id: 'access'
    partitionKey: '/corpsId'
    ttl: true
    compositeIndexes: [
      // rewrite: access.listForCorps and access.listForCase (TOP n … ORDER BY c.at DESC) as
      // ORDER BY c.corpsId ASC, c.at DESC; the log grows with every turn that reaches a case
      [
        {
          path: '/corpsId'
          order: 'ascending'
        }
        {
          path: '/at'
          order: 'descending'
        }
      ]
    ]
  }
  {
    id: 'directory'
    partitionKey: '/id'
    ttl: false
    // point reads only (directory.get, teams.get)
    compositeIndexes: []
  }
]

resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [for c in cosmosContainers: {
  parent: database
  name: c.id
  properties: {
    resource: {
      id: c.id
      partitionKey: {
        paths: [
          c.partitionKey
        ]
        kind: 'Hash'
        version: 2
      }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          {
            path: '/*'
          }
        ]
        excludedPaths: [
          {
            path: '/"_etag"/?'
          }
        ]
        compositeIndexes: c.compositeIndexes
      }
      // -1: on, items expire only by their own ttl; null: off
      defaultTtl: c.ttl ? -1 : null
    }
    options: {}
  }
}]

// "Cosmos DB Built-in Data Contributor": read and write items, read metadata — nothing at the control plane.
var cosmosDataContributor = '00000000-0000-0000-0000-000000000002'

resource cosmosDataAccess 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, cosmosDataContributor)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributor}'
    principalId: identity.properties.principalId
    // The account: the SDK also reads the account's own metadata when it connects; the account holds only Løft's database.
    scope: cosmos.id
  }
}

// ── App Service ─────────────────────────────────────────────────────────────────────────────────

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: names.plan
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: names.site
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Any instance may answer any request: the bot and the tab's API keep no session in the process.
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      // The deployed package already holds node_modules (Linux x64) and the built tab (.build/tab): start the server
      // only. Not `npm start`, which builds the tab first and would write into the read-only package.
      appCommandLine: 'node --import tsx src/main.ts'
      alwaysOn: true
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
  }
}

// The app's configuration: every name is a key of src/config.ts's schema, or the platform's (test/unit/infra.test.ts).
var appSettings = {
  HOST: '0.0.0.0'
  COSMOS_ENDPOINT: cosmos.properties.documentEndpoint
  COSMOS_DATABASE: databaseName
  MicrosoftAppId: identity.properties.clientId
  MicrosoftAppType: 'UserAssignedMSI'
  MicrosoftAppTenantId: identity.properties.tenantId
  PUBLIC_URL: 'https://${webApp.properties.defaultHostName}'
  TAB_AUDIENCE: aadAppClientId
  // The tab's own Entra app: tokens are taken with its client id (v2) or its app id URI (v1) as audience.
  TAB_APP_ID: aadAppClientId
  LOG_LEVEL: logLevel
  // Without COSMOS_KEY the app uses DefaultAzureCredential, which needs this to pick the user-assigned identity.
  AZURE_CLIENT_ID: identity.properties.clientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
  // The zip from `azureAppService/zipDeploy` is mounted as it is (read-only); nothing is built on the server.
  WEBSITE_RUN_FROM_PACKAGE: '1'
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
}
// Set only when someone is named (an empty setting means the same as none).
var nationalSettings = empty(nationalCentre) ? {} : {
  NATIONAL_CENTRE: nationalCentre
}
var appInsightsAgentSettings = enableApplicationInsightsAgent ? {
  ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
} : {}

resource webAppSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  properties: union(appSettings, nationalSettings, appInsightsAgentSettings)
  dependsOn: [
    cosmosDataAccess
    containers
  ]
}

// Deployment with the signed-in operator's Entra token only; no FTP or publishing passwords.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'scm'
  properties: {
    allow: false
  }
}

// The app's stdout (pino JSON lines: events and ids, never content), HTTP and platform logs to the workspace.
resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
  }
}

// ── Azure Bot ───────────────────────────────────────────────────────────────────────────────────

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: names.bot
  location: botServiceLocation
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: 'Løft'
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    // The bot's identity is the managed identity: no app registration, no client secret.
    msaAppId: identity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: botServiceLocation
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

// ── Outputs: written to env/.env.<environment> by the Toolkit (names in capitals, as it writes them) ─────

output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output APP_DOMAIN string = webApp.properties.defaultHostName
output APP_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_AZURE_RESOURCE_ID string = bot.id
output MANAGED_IDENTITY_RESOURCE_ID string = identity.id
output COSMOS_ACCOUNT_RESOURCE_ID string = cosmos.id
output COSMOS_ACCOUNT_ENDPOINT string = cosmos.properties.documentEndpoint
output APPLICATION_INSIGHTS_RESOURCE_ID string = insights.id
output LOG_ANALYTICS_WORKSPACE_RESOURCE_ID string = workspace.id
