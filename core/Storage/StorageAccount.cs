using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;

namespace UnitPay.Core.Storage;

/// <summary>The storage clients of one app instance, built once from <see cref="StorageOptions"/>.</summary>
public sealed class StorageAccount
{
    private readonly TableServiceClient _tables;
    private readonly QueueServiceClient _queues;
    private readonly QueueServiceClient _rawQueues;

    public StorageAccount(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        var queueOptions = new QueueClientOptions
        {
            MessageEncoding = options.Base64MessageEncoding ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None,
        };
        var rawQueueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        if (options.UsesIdentity)
        {
            TokenCredential credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = options.ManagedIdentityClientId,
            });
            _tables = new TableServiceClient(options.ResolvedTableUri, credential);
            _queues = new QueueServiceClient(options.ResolvedQueueUri, credential, queueOptions);
            _rawQueues = new QueueServiceClient(options.ResolvedQueueUri, credential, rawQueueOptions);
        }
        else
        {
            _tables = new TableServiceClient(options.ConnectionString);
            _queues = new QueueServiceClient(options.ConnectionString, queueOptions);
            _rawQueues = new QueueServiceClient(options.ConnectionString, rawQueueOptions);
        }
    }

    public StorageOptions Options { get; }

    public TableServiceClient TableService => _tables;

    public TableClient Table(string name) => _tables.GetTableClient(Options.TablePrefix + name);

    /// <summary>A queue client that encodes messages the way host.json declares.</summary>
    public QueueClient Queue(string name) => _queues.GetQueueClient(name);

    /// <summary>A queue client that sends and receives message text as it is (the trigger runner decodes itself).</summary>
    public QueueClient RawQueue(string name) => _rawQueues.GetQueueClient(name);

    public QueueClient UsageQueue => Queue(Options.UsageQueueName);

    /// <summary>Creates every table and queue the engine uses, if missing. Safe to run on every start.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var name in TableNames.All)
        {
            await Table(name).CreateIfNotExistsAsync(cancellationToken);
        }

        await Queue(Options.UsageQueueName).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Queue(Options.UsageQueueName + "-poison").CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}
