using Azure;
using Azure.Data.Tables;
using UnitPay.Core.Storage;

namespace UnitPay.Core.Payments.Sandbox;

/// <summary>What a customer does in the browser, simulated: completing a payment form or authentication, saving a payment method.</summary>
public sealed partial class SandboxPaymentProvider
{
    /// <summary>
    /// The customer completes a payment form (or the authentication a charge required) with a test payment method.
    /// The charge then succeeds or is declined as that method says, and the sandbox emits the webhook. A charge that
    /// has succeeded stays so (completing twice changes nothing).
    /// </summary>
    public async Task<ChargeResult> CompletePaymentFormAsync(string paymentId, string paymentMethodId, CancellationToken cancellationToken)
    {
        var pointer = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, "pi|" + paymentId, cancellationToken: cancellationToken);
        if (!pointer.HasValue || pointer.Value is null)
        {
            throw new ArgumentException($"The sandbox has no charge {paymentId}.", nameof(paymentId));
        }

        var key = ChargeKey(pointer.Value.GetString("Key"));
        var row = (await _table.GetEntityAsync<TableEntity>(Partition, key, cancellationToken: cancellationToken)).Value;
        var charge = JsonRows.FromEntity<SandboxCharge>(row);
        if (charge.Status == Succeeded)
        {
            return ToResult(charge);
        }

        var declined = paymentMethodId == SandboxPaymentMethods.Decline;
        var completed = charge with
        {
            PaymentMethodId = paymentMethodId,
            Status = declined ? Failed : Succeeded,
            ErrorCode = declined ? "card_declined" : null,
            ErrorMessage = declined ? "Your card was declined." : null,
        };
        await _table.UpdateEntityAsync(JsonRows.ToEntity(Partition, key, completed), row.ETag, TableUpdateMode.Replace, cancellationToken);
        await EmitChargeEventAsync(completed, cancellationToken);
        if (declined)
        {
            // As at a PSP, a declined form stays open for another try.
            await _table.UpdateEntityAsync(JsonRows.ToEntity(Partition, key, completed with { Status = RequiresPaymentMethod }), ETag.All, TableUpdateMode.Replace, cancellationToken);
        }

        return ToResult(completed);
    }

    /// <summary>The customer saves a test payment method in a setup form: the sandbox emits <c>setup_intent.succeeded</c>.</summary>
    public async Task CompleteSetupFormAsync(string setupId, string paymentMethodId, CancellationToken cancellationToken)
    {
        var setup = await JsonRows.ReadAsync<SandboxSetup>(_table, Partition, "seti|" + setupId, cancellationToken)
            ?? throw new ArgumentException($"The sandbox has no setup {setupId}.", nameof(setupId));
        await _table.UpsertEntityAsync(JsonRows.ToEntity(Partition, "seti|" + setupId, setup with { PaymentMethodId = paymentMethodId }), TableUpdateMode.Replace, cancellationToken);
        await EmitSetupEventAsync(setupId, setup.CustomerId, paymentMethodId, setup.Metadata, cancellationToken);
    }
}
