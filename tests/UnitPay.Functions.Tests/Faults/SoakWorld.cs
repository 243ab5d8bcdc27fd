using System.Globalization;
using System.Text.Json.Nodes;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Faults;

/// <summary>
/// The soak's customers and what was sent to them: two credit currencies, a feature that costs in both (so one event
/// touches two wallets) and one that costs in one, the events tracked (with their idempotency keys, some tracked
/// twice) and the grants issued. It knows what every wallet must hold, and audits the stored wallets against it.
/// </summary>
internal sealed class SoakWorld
{
    private readonly Lock _gate = new();
    private readonly List<TrackedEvent> _history = [];
    private readonly Dictionary<string, Dictionary<string, long>> _expectedEvents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _expectedGrants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _expectedGrantCount = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Customer, string Currency), string> _wallets = [];
    private readonly List<string> _customers = [];
    private readonly List<Feature> _features = [];
    private int _next;
    private int _tracked;
    private int _trackedTwice;
    private int _grantRetries;
    private int _grantsIssued;

    private SoakWorld()
    {
    }

    public int Tracked => Volatile.Read(ref _tracked);

    public int TrackedTwice => Volatile.Read(ref _trackedTwice);

    public int Unique
    {
        get
        {
            lock (_gate)
            {
                return _history.Count;
            }
        }
    }

    public int GrantRetries => Volatile.Read(ref _grantRetries);

    public int GrantsIssued => Volatile.Read(ref _grantsIssued);

    public IReadOnlyCollection<string> Wallets => _wallets.Values;

    public static async Task<SoakWorld> CreateAsync(HttpClient client, int customers, long openingGrant)
    {
        var world = new SoakWorld();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var currencies = new List<string>();
        foreach (var name in new[] { "Tokens", "Images" })
        {
            var (status, body) = await client.PostAsync("/v1/credit-currencies", new { name = name + " " + suffix, denomination = "unit" });
            Scenario.Ensure(status, 201, body);
            currencies.Add(body.Str("id"));
        }

        world._features.Add(await FeatureAsync(client, "both-" + suffix, (currencies[0], 3), (currencies[1], 2)));
        world._features.Add(await FeatureAsync(client, "tokens-" + suffix, (currencies[0], 5)));
        for (var i = 0; i < customers; i++)
        {
            var (status, body) = await client.PostAsync("/v1/customers", new { name = "Soak " + i, externalId = $"soak-{suffix}-{i}" });
            Scenario.Ensure(status, 201, body);
            var customerId = body.Str("id");
            world._customers.Add(customerId);
            foreach (var currency in currencies)
            {
                var (gs, grant) = await client.PostAsync("/v1/credit-grants", new { customerId, creditCurrencyId = currency, amount = openingGrant });
                Scenario.Ensure(gs, 201, grant);
                var walletId = grant.Str("creditAccountId");
                world._wallets[(customerId, currency)] = walletId;
                world._expectedEvents[walletId] = new Dictionary<string, long>(StringComparer.Ordinal);
                world._expectedGrants[walletId] = openingGrant;
                world._expectedGrantCount[walletId] = 1;
            }
        }

        return world;
    }

    /// <summary>Tracks one batch over HTTP: new events, and a share of events tracked before (same key, customer and feature).</summary>
    public async Task TrackBatchAsync(HttpClient client, Random random, int size, double duplicateShare)
    {
        var batch = new List<(TrackedEvent Event, bool Again)>();
        lock (_gate)
        {
            for (var i = 0; i < size; i++)
            {
                if (_history.Count > 0 && random.NextDouble() < duplicateShare)
                {
                    batch.Add((_history[random.Next(_history.Count)], true));
                    continue;
                }

                var key = "soak-" + (_next++).ToString(CultureInfo.InvariantCulture);
                batch.Add((new TrackedEvent(key, _customers[random.Next(_customers.Count)], _features[random.Next(_features.Count)]), false));
            }
        }

        var events = batch.Select(b => new { customerId = b.Event.CustomerId, featureSlug = b.Event.Feature.Slug, idempotencyKey = b.Event.Key }).ToArray();
        var (status, body) = await client.PostAsync("/v1/usage/track", new { events });
        Scenario.Ensure(status, 202, body);
        var ids = body!["eventIds"]!.AsArray();
        lock (_gate)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var (tracked, again) = batch[i];
                var eventId = ids[i]?.GetValue<string>() ?? throw new InvalidOperationException($"Event {i} was rejected: {body.ToJsonString()}");
                _tracked++;
                if (again)
                {
                    _trackedTwice++;
                    continue;
                }

                _history.Add(tracked);
                foreach (var (currency, cost) in tracked.Feature.Costs)
                {
                    _expectedEvents[_wallets[(tracked.CustomerId, currency)]][eventId] = cost;
                }
            }
        }
    }

    /// <summary>
    /// A grant with an Idempotency-Key, sent until it succeeds (a crash before its commit answers 500, and the key is
    /// free again), then sent once more: the replay must answer the same grant.
    /// </summary>
    public async Task GrantWithRetriesAsync(HttpClient client, Random random, string key, long amount)
    {
        string customerId, currency;
        lock (_gate)
        {
            (customerId, currency) = _wallets.Keys.ElementAt(random.Next(_wallets.Count));
        }

        var request = new { customerId, creditCurrencyId = currency, amount };
        JsonNode? granted = null;
        for (var attempt = 0; granted is null; attempt++)
        {
            var (status, body) = await client.PostAsync("/v1/credit-grants", request, key);
            if (status == 201)
            {
                granted = body;
            }
            else if (status >= 500 && attempt < 50)
            {
                Interlocked.Increment(ref _grantRetries);
            }
            else
            {
                throw new InvalidOperationException($"Grant {key} answered {status}: {body?.ToJsonString()}");
            }
        }

        var (replayStatus, replay) = await client.PostAsync("/v1/credit-grants", request, key);
        Scenario.Ensure(replayStatus, 201, replay);
        if (replay.Str("id") != granted.Str("id"))
        {
            throw new InvalidOperationException($"Grant {key} was replayed as {replay.Str("id")}, not {granted.Str("id")}.");
        }

        lock (_gate)
        {
            var walletId = _wallets[(customerId, currency)];
            _expectedGrants[walletId] += amount;
            _expectedGrantCount[walletId]++;
        }

        Interlocked.Increment(ref _grantsIssued);
    }

    /// <summary>Every violation: WalletAudit's (each event applied once at its cost, chain, balance) and grants issued exactly once.</summary>
    public IReadOnlyList<string> Audit(IReadOnlyDictionary<string, WalletRecord> stored)
    {
        var problems = new List<string>();
        foreach (var walletId in _wallets.Values)
        {
            if (!stored.TryGetValue(walletId, out var record))
            {
                problems.Add($"{walletId}: the wallet is missing");
                continue;
            }

            problems.AddRange(WalletAudit.Violations(record, _expectedEvents[walletId]));
            if (record.Grants.Count != _expectedGrantCount[walletId] || record.Grants.Sum(g => g.Amount) != _expectedGrants[walletId])
            {
                problems.Add($"{walletId}: {record.Grants.Count} grants of {record.Grants.Sum(g => g.Amount)} in all, but {_expectedGrantCount[walletId]} of {_expectedGrants[walletId]} were issued");
            }
        }

        return problems;
    }

    private static async Task<Feature> FeatureAsync(HttpClient client, string slug, params (string Currency, long Cost)[] costs)
    {
        var creditCosts = costs.Select(c => new { creditCurrencyId = c.Currency, costPerUnit = c.Cost }).ToArray();
        var (status, body) = await client.PostAsync("/v1/features", new { slug, name = slug, creditCosts });
        Scenario.Ensure(status, 201, body);
        return new Feature(slug, costs);
    }

    private sealed record Feature(string Slug, (string Currency, long Cost)[] Costs);

    private sealed record TrackedEvent(string Key, string CustomerId, Feature Feature);
}
