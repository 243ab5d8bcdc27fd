namespace UnitPay.Core.Storage;

/// <summary>
/// How the app reaches Azure Storage: a connection string (Azurite, or a key-based account), or an identity-based
/// account (<c>AzureWebJobsStorage__accountName</c> or explicit service URIs) with <c>DefaultAzureCredential</c>.
/// </summary>
public sealed record StorageOptions
{
    public string? ConnectionString { get; init; }

    public string? AccountName { get; init; }

    public Uri? TableServiceUri { get; init; }

    public Uri? QueueServiceUri { get; init; }

    /// <summary>Client id of a user-assigned identity, when the identity-based settings name one.</summary>
    public string? ManagedIdentityClientId { get; init; }

    /// <summary>Prefix of every table name (letters and digits): isolates tests and side-by-side installs.</summary>
    public string TablePrefix { get; init; } = string.Empty;

    public string UsageQueueName { get; init; } = "usage-events";

    /// <summary>Queue messages are base64 text (the Functions host default) or plain text.</summary>
    public bool Base64MessageEncoding { get; init; } = true;

    public bool UsesIdentity => string.IsNullOrEmpty(ConnectionString);

    public Uri ResolvedTableUri =>
        TableServiceUri ?? new Uri($"https://{AccountName}.table.core.windows.net");

    public Uri ResolvedQueueUri =>
        QueueServiceUri ?? new Uri($"https://{AccountName}.queue.core.windows.net");
}
