using System.Globalization;
using Azure;
using Azure.Data.Tables;
using UnitPay.Core.Storage;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.AutoTopUp;

/// <summary>
/// Crossings of an auto top-up threshold that are committed (or about to be) but not yet handled. The engine records a
/// crossing here <em>before</em> the commit that makes it, the firer clears it once it has handled it, and the top-up
/// sweeper replays what is left past <see cref="TopUps.TopUpSweeperOptions.CrossingGrace"/>: so a process that stops between
/// the commit and the firing (a crash, a scale-in) loses no crossing. A crossing is named by (wallet, sequence), and so
/// is the attempt it leads to, so a replay of one the firer did handle makes nothing twice.
/// </summary>
public sealed class PendingCrossings(StorageAccount storage, TimeProvider clock)
{
    private readonly TableClient _table = storage.Table(TableNames.AutoTopUpCrossings);

    /// <summary>Records <paramref name="crossing"/> (idempotent: the same crossing twice is one row).</summary>
    public async Task RecordAsync(ThresholdCrossing crossing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(crossing);
        var row = JsonRows.ToEntity(crossing.WalletId, Key(crossing), crossing);
        row["RecordedAt"] = clock.GetUtcNow();
        await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Forgets <paramref name="crossing"/> once it is handled (gone already: nothing to do).</summary>
    public async Task ClearAsync(ThresholdCrossing crossing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(crossing);
        try
        {
            await _table.DeleteEntityAsync(crossing.WalletId, Key(crossing), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (StorageFailure.IsNotFound(e))
        {
            // handled twice (the firer and a sweep): the first cleared it
        }
    }

    /// <summary>Crossings recorded at or before <paramref name="recordedBy"/> and not cleared, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<ThresholdCrossing>> DueAsync(DateTimeOffset recordedBy, int max, CancellationToken cancellationToken)
    {
        var due = new List<ThresholdCrossing>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RecordedAt le {recordedBy}"), cancellationToken: cancellationToken))
        {
            due.Add(JsonRows.FromEntity<ThresholdCrossing>(row));
            if (due.Count == max)
            {
                break;
            }
        }

        return due;
    }

    /// <summary>The row key: the sequence, then the wallet (unique across wallets: see WalletRows' remarks on Azurite).</summary>
    private static string Key(ThresholdCrossing crossing) =>
        crossing.Sequence.ToString("D19", CultureInfo.InvariantCulture) + "|" + crossing.WalletId;
}
