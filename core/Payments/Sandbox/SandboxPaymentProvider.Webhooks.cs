using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Results;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Payments.Sandbox;

/// <summary>The sandbox's webhooks: events shaped like Stripe's, kept in its table, posted to its queue, signed when delivered.</summary>
public sealed partial class SandboxPaymentProvider
{
    /// <summary>
    /// A webhook for <paramref name="body"/>, signed now, as it is sent: like Stripe, every delivery is signed when it is
    /// made, so a redelivery hours later still verifies.
    /// </summary>
    public WebhookDelivery Sign(string body) =>
        new(body, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [SignatureHeader] = WebhookSignature.Sign(body, _options.SandboxWebhookSecret, _clock.GetUtcNow()),
            ["Content-Type"] = "application/json",
        });

    /// <summary>The bodies of every event the sandbox emitted about <paramref name="intentId"/>, oldest first (a test redelivers them).</summary>
    public async Task<IReadOnlyList<string>> ReadEventsAsync(string intentId, CancellationToken cancellationToken)
    {
        var prefix = "evt|" + intentId + "|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}");
        var events = new List<(DateTimeOffset, string)>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            events.Add((row.GetDateTimeOffset("At") ?? default, row.GetString("Body")));
        }

        return [.. events.OrderBy(e => e.Item1).Select(e => e.Item2)];
    }

    public Outcome<IReadOnlyList<PaymentConfirmation>> ParseWebhook(string rawBody, IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(rawBody);
        ArgumentNullException.ThrowIfNull(headers);
        var header = headers.FirstOrDefault(h => string.Equals(h.Key, SignatureHeader, StringComparison.OrdinalIgnoreCase)).Value;
        if (!WebhookSignature.Verify(rawBody, header, _options.SandboxWebhookSecret, _clock.GetUtcNow(), _options.WebhookTolerance))
        {
            return new Failure(FailureCodes.WebhookSignatureInvalid, $"The {SignatureHeader} header does not sign this body with the sandbox's webhook secret (or is too old).");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(rawBody);
        }
        catch (JsonException)
        {
            return Failure.Validation("body", "The webhook body is not JSON.");
        }

        var type = root?["type"]?.GetValue<string>();
        var obj = root?["data"]?["object"];
        var eventId = root?["id"]?.GetValue<string>();
        if (type is null || obj is null || eventId is null)
        {
            return Failure.Validation("body", "The webhook body is not an event.");
        }

        var kind = type switch
        {
            "payment_intent.succeeded" => PaymentConfirmationKind.PaymentSucceeded,
            "payment_intent.payment_failed" => PaymentConfirmationKind.PaymentFailed,
            "setup_intent.succeeded" => PaymentConfirmationKind.SetupSucceeded,
            _ => (PaymentConfirmationKind?)null,
        };
        if (kind is null)
        {
            return Array.Empty<PaymentConfirmation>();
        }

        var metadata = obj["metadata"]?.AsObject().ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? string.Empty, StringComparer.Ordinal)
            ?? new Dictionary<string, string>(StringComparer.Ordinal);
        PaymentConfirmation[] confirmations =
        [
            new PaymentConfirmation
            {
                Kind = kind.Value,
                EventId = eventId,
                IntentId = obj["id"]?.GetValue<string>() ?? string.Empty,
                Metadata = metadata,
                Amount = obj["amount"]?.GetValue<long>(),
                Currency = obj["currency"]?.GetValue<string>(),
                PaymentMethodId = obj["payment_method"]?.GetValue<string>(),
                ProviderCustomerId = obj["customer"]?.GetValue<string>(),
                ErrorCode = obj["last_payment_error"]?["code"]?.GetValue<string>(),
                ErrorMessage = obj["last_payment_error"]?["message"]?.GetValue<string>(),
            },
        ];
        return confirmations;
    }

    private Task EmitChargeEventAsync(SandboxCharge charge, CancellationToken cancellationToken)
    {
        var type = charge.Status switch
        {
            Succeeded => "payment_intent.succeeded",
            Failed => "payment_intent.payment_failed",
            _ => null,
        };
        if (type is null)
        {
            return Task.CompletedTask;
        }

        var obj = new JsonObject
        {
            ["id"] = charge.Id,
            ["object"] = "payment_intent",
            ["amount"] = charge.Amount,
            ["currency"] = charge.Currency,
            ["status"] = charge.Status == Failed ? RequiresPaymentMethod : charge.Status,
            ["customer"] = charge.CustomerId,
            ["payment_method"] = charge.PaymentMethodId,
            ["metadata"] = Metadata(charge.Metadata),
        };
        if (charge.Status == Failed)
        {
            obj["last_payment_error"] = new JsonObject { ["code"] = charge.ErrorCode, ["message"] = charge.ErrorMessage };
        }

        return EmitAsync(charge.Id, type, obj, cancellationToken);
    }

    private Task EmitSetupEventAsync(string setupId, string customerId, string paymentMethodId, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        EmitAsync(setupId, "setup_intent.succeeded", new JsonObject
        {
            ["id"] = setupId,
            ["object"] = "setup_intent",
            ["status"] = "succeeded",
            ["customer"] = customerId,
            ["payment_method"] = paymentMethodId,
            ["metadata"] = Metadata(metadata),
        }, cancellationToken);

    /// <summary>Keeps the event, then posts it for delivery. A crash between the two loses the delivery, not the fact: the charge is stored.</summary>
    private async Task EmitAsync(string intentId, string type, JsonObject data, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var eventId = Ids.New("evt_sbx", _clock);
        var body = new JsonObject
        {
            ["id"] = eventId,
            ["object"] = "event",
            ["type"] = type,
            ["created"] = now.ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["data"] = new JsonObject { ["object"] = data },
        }.ToJsonString();
        var row = new TableEntity(Partition, "evt|" + intentId + "|" + eventId) { ["Body"] = body, ["At"] = now };
        await _transient.ExecuteAsync(async ct => await _table.AddEntityAsync(row, ct), cancellationToken);
        if (!_queueReady)
        {
            await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _queueReady = true;
        }

        await _transient.ExecuteAsync(async ct => await _queue.SendMessageAsync(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(body)), ct), cancellationToken);
    }

    private static JsonObject Metadata(IReadOnlyDictionary<string, string> metadata)
    {
        var node = new JsonObject();
        foreach (var (key, value) in metadata)
        {
            node[key] = value;
        }

        return node;
    }
}
