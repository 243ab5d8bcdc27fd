using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Payments.Sandbox;

/// <summary>
/// A payment provider that behaves like a PSP's test mode and moves no money: the default locally and in tests.
/// <list type="bullet">
/// <item>Test payment methods decide the outcome (<see cref="SandboxPaymentMethods"/>).</item>
/// <item>Its own idempotency, kept in its own table (<see cref="TableNames.SandboxPayments"/>) so it survives restarts:
/// a charge's row is inserted under its idempotency key, so the same key always answers the same charge.</item>
/// <item>Confirmations arrive asynchronously: every change of a charge or setup is an event, signed with Stripe's scheme
/// and posted to a storage queue, from which <see cref="SandboxWebhookRelay"/> hands it to the same
/// <see cref="PaymentWebhookService"/> that Stripe's webhooks reach.</item>
/// </list>
/// One partition holds everything (a sandbox serves tests and local runs, not production traffic).
/// </summary>
public sealed partial class SandboxPaymentProvider : IPaymentProvider
{
    /// <summary>The header the sandbox signs its webhooks in.</summary>
    public const string SignatureHeader = "Sandbox-Signature";

    private const string Partition = "sandbox";
    private readonly TableClient _table;
    private readonly Azure.Storage.Queues.QueueClient _queue;
    private readonly PaymentOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<SandboxPaymentProvider> _logger;
    private readonly Polly.ResiliencePipeline _transient;
    private volatile bool _queueReady;

    public SandboxPaymentProvider(StorageAccount storage, PaymentOptions options, TimeProvider clock, ILogger<SandboxPaymentProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        _table = storage.Table(TableNames.SandboxPayments);
        _queue = storage.RawQueue(options.SandboxWebhookQueue);
        _options = options;
        _clock = clock;
        _logger = logger;
        _transient = StorageResilience.Transient(clock);
    }

    public string Name => PaymentOptions.Sandbox;

    public async Task<string> EnsureCustomerAsync(ProviderCustomerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = "cus_sbx_" + Ids.Derived("x", request.IdempotencyKey)[2..];
        var row = new TableEntity(Partition, "cus|" + id) { ["Name"] = request.Name, ["Email"] = request.Email };
        await _transient.ExecuteAsync(async ct => await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, ct), cancellationToken);
        return id;
    }

    public async Task<ChargeResult> ChargeOffSessionAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (status, code, message) = request.PaymentMethodId switch
        {
            SandboxPaymentMethods.Success or SandboxPaymentMethods.TimeoutOnce => (Succeeded, null, null),
            SandboxPaymentMethods.Decline => (Failed, "card_declined", "Your card was declined."),
            SandboxPaymentMethods.RequiresAction => (RequiresAction, "authentication_required", "This payment needs the customer to authenticate."),
            null => (Failed, "payment_method_missing", "No payment method was given."),
            _ => (Failed, "resource_missing", $"No such payment method: '{request.PaymentMethodId}'."),
        };
        var charge = NewCharge(request, status, code, message);
        var (stored, created) = await InsertOnceAsync(charge, cancellationToken);
        if (!created)
        {
            LogIdempotentReplay(_logger, request.IdempotencyKey, stored.Id);
            return ToResult(stored);
        }

        await EmitChargeEventAsync(stored, cancellationToken);
        if (request.PaymentMethodId == SandboxPaymentMethods.TimeoutOnce)
        {
            // Carried out, answer lost: the caller must find out by sending the same key again.
            throw new PaymentProviderUnavailableException($"The sandbox timed out answering charge {stored.Id} (test payment method {SandboxPaymentMethods.TimeoutOnce}).");
        }

        return ToResult(stored);
    }

    public async Task<PaymentForm> StartPaymentFormAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (stored, _) = await InsertOnceAsync(NewCharge(request with { PaymentMethodId = null }, RequiresPaymentMethod, null, null), cancellationToken);
        return new PaymentForm(stored.Id, stored.ClientSecret);
    }

    public async Task<PaymentForm> StartSetupFormAsync(SetupFormRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = "seti_sbx_" + Ids.Derived("x", request.IdempotencyKey)[2..];
        var secret = id + "_secret_" + Ids.Derived("x", id, "secret")[2..12];
        var row = JsonRows.ToEntity(Partition, "seti|" + id, new SandboxSetup(id, request.ProviderCustomerId, secret, request.Metadata, null));
        try
        {
            await _transient.ExecuteAsync(async ct => await _table.AddEntityAsync(row, ct), cancellationToken);
        }
        catch (RequestFailedException e) when (StorageFailure.IsAlreadyExists(e))
        {
            // The same key again: the same setup.
        }

        return new PaymentForm(id, secret);
    }

    /// <summary>Every charge the sandbox has made or started, oldest first (for tests and local inspection).</summary>
    public async Task<IReadOnlyList<SandboxCharge>> ListChargesAsync(CancellationToken cancellationToken) =>
        [.. (await JsonRows.ListAsync<SandboxCharge>(_table, Partition, "charge|", cancellationToken)).OrderBy(c => c.CreatedAt)];

    private SandboxCharge NewCharge(ChargeRequest request, string status, string? code, string? message)
    {
        var id = "pi_sbx_" + Ids.Derived("x", request.IdempotencyKey)[2..];
        return new SandboxCharge
        {
            Id = id,
            IdempotencyKey = request.IdempotencyKey,
            Amount = request.Amount,
            Currency = request.Currency,
            CustomerId = request.ProviderCustomerId,
            PaymentMethodId = request.PaymentMethodId,
            Status = status,
            ClientSecret = id + "_secret_" + Ids.Derived("x", id, "secret")[2..12],
            ErrorCode = code,
            ErrorMessage = message,
            Metadata = request.Metadata,
            CreatedAt = _clock.GetUtcNow(),
        };
    }

    /// <summary>Inserts the charge under its key (and its id, in the same transaction); when the key exists, the stored charge.</summary>
    private async Task<(SandboxCharge Charge, bool Created)> InsertOnceAsync(SandboxCharge charge, CancellationToken cancellationToken)
    {
        try
        {
            await _transient.ExecuteAsync(
                async ct => await _table.SubmitTransactionAsync(
                    [
                        new TableTransactionAction(TableTransactionActionType.Add, JsonRows.ToEntity(Partition, ChargeKey(charge.IdempotencyKey), charge)),
                        new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Partition, "pi|" + charge.Id) { ["Key"] = charge.IdempotencyKey }),
                    ],
                    ct),
                cancellationToken);
            return (charge, true);
        }
        catch (TableTransactionFailedException e) when (StorageFailure.IsAlreadyExists(e))
        {
            var stored = await JsonRows.ReadAsync<SandboxCharge>(_table, Partition, ChargeKey(charge.IdempotencyKey), cancellationToken)
                ?? throw new InvalidOperationException($"Sandbox charge under key {charge.IdempotencyKey} exists but cannot be read.");
            if (stored.Amount != charge.Amount || stored.Currency != charge.Currency)
            {
                // What a PSP answers as an idempotency error: a bug in the caller, never a second charge.
                throw new InvalidOperationException($"Idempotency key {charge.IdempotencyKey} was used for {stored.Amount} {stored.Currency}, not {charge.Amount} {charge.Currency}.");
            }

            return (stored, false);
        }
    }

    private static ChargeResult ToResult(SandboxCharge charge) => new()
    {
        PaymentId = charge.Id,
        Status = charge.Status switch
        {
            Succeeded => ChargeStatus.Succeeded,
            Failed => ChargeStatus.Failed,
            _ => ChargeStatus.RequiresAction,
        },
        ClientSecret = charge.Status is RequiresAction or RequiresPaymentMethod ? charge.ClientSecret : null,
        ErrorCode = charge.ErrorCode,
        ErrorMessage = charge.ErrorMessage,
    };

    private static string ChargeKey(string idempotencyKey) => "charge|" + idempotencyKey;

    private const string Succeeded = "succeeded";
    private const string Failed = "failed";
    private const string RequiresAction = "requires_action";
    private const string RequiresPaymentMethod = "requires_payment_method";

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox: idempotency key {IdempotencyKey} sent again; answering charge {PaymentId} as made")]
    private static partial void LogIdempotentReplay(ILogger logger, string idempotencyKey, string paymentId);

    /// <summary>A setup form as the sandbox keeps it.</summary>
    private sealed record SandboxSetup(string Id, string CustomerId, string ClientSecret, IReadOnlyDictionary<string, string> Metadata, string? PaymentMethodId);
}
