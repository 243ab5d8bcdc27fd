using System.Text.Json;
using UnitPay.Core.Money;
using UnitPay.Core.Organizations;
using UnitPay.Core.Payments;
using UnitPay.Core.Storage;
using UnitPay.Core.TopUps;
using UnitPay.Core.Webhooks;

namespace UnitPay.Functions.Configuration;

/// <summary>
/// The app's settings, read once at start and validated: a bad value fails the start with a message that names the
/// setting. Sources, later ones winning: defaults, then (local runs) <c>local.settings.json</c>'s <c>Values</c> as Core
/// Tools would read them, then environment variables, then explicit overrides (tests).
/// </summary>
public sealed record AppSettings
{
    public const string DefaultUsageQueue = "usage-events";
    public const string DefaultExpireGrantsSchedule = "0 */5 * * * *";

    /// <summary>500 requests per second per key (Stripe allows 100; check is called per user action, so more here).</summary>
    public const int DefaultRateLimit = 500;

    /// <summary>1,000 track calls per second per key: up to a million events a second, far above what one key sends.</summary>
    public const int DefaultTrackRateLimit = 1000;

    /// <summary>
    /// Every minute: a renewal's new grant is issued by the first run after the boundary, so the schedule's period is
    /// the longest a customer waits for it (boundaries are anchored at each subscription's activation time).
    /// </summary>
    public const string DefaultGrantCyclesSchedule = "0 * * * * *";

    /// <summary>Every five minutes: the top-up sweeper resumes stuck attempts and replays failed auto top-ups (their own timeouts and back-off decide which are due).</summary>
    public const string DefaultTopUpSweeperSchedule = "0 */5 * * * *";

    /// <summary>Every minute: outbox rows a dead instance left are queued within about a minute past their grace.</summary>
    public const string DefaultWebhookSweepSchedule = "0 * * * * *";

    /// <summary>True when the Functions host started this process as its isolated worker.</summary>
    public required bool HostedByFunctions { get; init; }

    public required int Port { get; init; }

    /// <summary>Null when no storage is configured: a local run then starts its own Azurite.</summary>
    public StorageOptions? Storage { get; init; }

    /// <summary>
    /// The storage accounts wallets are spread over beyond the app's own (<see cref="SettingNames.WalletAccounts"/> - 1
    /// of them, from <c>UNITPAY_WALLET_STORAGE_2</c> on); empty: every wallet in the app's own account.
    /// </summary>
    public IReadOnlyList<StorageOptions> WalletStorage { get; init; } = [];

    public required string UsageQueue { get; init; }

    public required string TablePrefix { get; init; }

    public required string ExpireGrantsSchedule { get; init; }

    public required string GrantCyclesSchedule { get; init; }

    public required string TopUpSweeperSchedule { get; init; }

    public required string WebhookSweepSchedule { get; init; }

    /// <summary>Outbound webhooks: the delivery queue, retries, timeout, sweep grace, secret key (<c>UNITPAY_WEBHOOK_*</c>).</summary>
    public WebhookOptions Webhooks { get; init; } = new();

    public string? BootstrapApiKey { get; init; }

    /// <summary>The payment provider and its secrets (<c>UNITPAY_PAYMENT_PROVIDER</c>, <c>UNITPAY_STRIPE_*</c>, <c>UNITPAY_SANDBOX_*</c>).</summary>
    public PaymentOptions Payments { get; init; } = new();

    /// <summary>Top-up limits (<c>UNITPAY_TOPUP_MAX_AMOUNT</c>).</summary>
    public TopUpOptions TopUps { get; init; } = new();

    /// <summary>Portal link signing (<see cref="SettingNames.PortalSigningKey"/>; a random per-process key when unset).</summary>
    public UnitPay.Core.Portal.PortalOptions Portal { get; init; } = UnitPay.Core.Portal.PortalOptions.WithRandomKey();

    public bool LocalTriggers { get; init; } = true;

    /// <summary>How the top-up sweeper replays stuck and failed attempts (UNITPAY_TOPUP_SWEEPER_*, UNITPAY_AUTO_TOPUP_DISABLE_AFTER_FAILURES).</summary>
    public TopUpSweeperOptions TopUpSweeper { get; init; } = new();

    /// <summary>API requests per second per key; 0 is no limit.</summary>
    public int ApiRateLimit { get; init; } = DefaultRateLimit;

    /// <summary>Track calls per second per key; 0 is no limit.</summary>
    public int TrackRateLimit { get; init; } = DefaultTrackRateLimit;

    /// <summary>All setting values as read, by name (for resolving <c>%SETTING%</c> bindings).</summary>
    public required IReadOnlyDictionary<string, string> Values { get; init; }

    /// <param name="overrides">Values that win over every other source (tests); a null value removes the setting.</param>
    /// <param name="localSettingsPath">local.settings.json, read in local runs only (Core Tools passes its values as environment variables).</param>
    /// <param name="hosted">True when the Functions host launched this process (see <see cref="WorkerLaunch"/>).</param>
    public static AppSettings Load(IReadOnlyDictionary<string, string?>? overrides = null, string? localSettingsPath = null, bool hosted = false)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!hosted && localSettingsPath is not null && File.Exists(localSettingsPath))
        {
            foreach (var (name, value) in ReadLocalSettings(localSettingsPath))
            {
                values[name] = value;
            }
        }

        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Value is string value)
            {
                values[(string)entry.Key] = value;
            }
        }

        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                values.Remove(name);
            }
            else
            {
                values[name] = value;
            }
        }

        return FromValues(values, hosted);
    }

    internal static AppSettings FromValues(Dictionary<string, string> values, bool hosted)
    {
        string? Get(string name) => values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        var port = ParseInt(SettingNames.LocalPort, Get(SettingNames.LocalPort) ?? "7071", 0, 65535);

        var queue = Get(SettingNames.UsageQueue) ?? DefaultUsageQueue;
        if (!IsQueueName(queue) || queue.Length > 56)
        {
            throw new SettingException(SettingNames.UsageQueue, $"'{queue}' is not a valid queue name (3-56 lowercase letters, digits and single hyphens; 7 characters are kept for '-poison').");
        }

        var prefix = Get(SettingNames.TablePrefix) ?? string.Empty;
        if (prefix.Length > 0 && (!char.IsAsciiLetter(prefix[0]) || !prefix.All(char.IsAsciiLetterOrDigit) || prefix.Length > 40))
        {
            throw new SettingException(SettingNames.TablePrefix, $"'{prefix}' must be letters and digits, starting with a letter, at most 40 characters.");
        }

        string Schedule(string name, string fallback)
        {
            var value = Get(name) ?? fallback;
            Schedules.Parse(name, value);
            return value;
        }

        var schedule = Schedule(SettingNames.ExpireGrantsSchedule, DefaultExpireGrantsSchedule);
        var grantCyclesSchedule = Schedule(SettingNames.GrantCyclesSchedule, DefaultGrantCyclesSchedule);
        var topUpSweeperSchedule = Schedule(SettingNames.TopUpSweeperSchedule, DefaultTopUpSweeperSchedule);
        var webhookSweepSchedule = Schedule(SettingNames.WebhookSweepSchedule, DefaultWebhookSweepSchedule);
        if (Get(SettingNames.WebhookQueue) is { } webhookQueue && (!IsQueueName(webhookQueue) || webhookQueue.Length > 56))
        {
            throw new SettingException(SettingNames.WebhookQueue, $"'{webhookQueue}' is not a valid queue name (3-56 lowercase letters, digits and single hyphens; 7 characters are kept for '-poison').");
        }

        WebhookOptions webhooks;
        try
        {
            webhooks = WebhookOptions.FromSettings(Get);
        }
        catch (FormatException e)
        {
            var named = System.Text.RegularExpressions.Regex.Match(e.Message, "UNITPAY_[A-Z_]+");
            throw new SettingException(named.Success ? named.Value : SettingNames.WebhookQueue, e.Message);
        }

        var bootstrap = Get(SettingNames.BootstrapApiKey);
        if (bootstrap is not null && !ApiKeys.IsWellFormed(bootstrap))
        {
            throw new SettingException(SettingNames.BootstrapApiKey, $"must start with '{ApiKeys.Prefix}' followed by 16 to 128 letters, digits, '_' or '-'.");
        }

        var apiRateLimit = ParseInt(SettingNames.RateLimit, Get(SettingNames.RateLimit) ?? DefaultRateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), 0, 1_000_000);
        var trackRateLimit = ParseInt(SettingNames.TrackRateLimit, Get(SettingNames.TrackRateLimit) ?? DefaultTrackRateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), 0, 1_000_000);
        TopUpSweeperOptions sweeper;
        try
        {
            sweeper = TopUpSweeperOptions.FromSettings(Get);
        }
        catch (FormatException e)
        {
            var named = System.Text.RegularExpressions.Regex.Match(e.Message, "UNITPAY_[A-Z_]+");
            throw new SettingException(named.Success ? named.Value : "UNITPAY_TOPUP_SWEEPER", e.Message);
        }

        var payments = ReadPayments(Get);
        var topUps = new TopUpOptions();
        if (Get(SettingNames.TopUpMaxAmount) is { } max)
        {
            topUps = new TopUpOptions { MaxAmount = ParseLong(SettingNames.TopUpMaxAmount, max, 1, AmountLimits.MaxTopUp) };
        }

        var portal = UnitPay.Core.Portal.PortalOptions.WithRandomKey();
        if (Get(SettingNames.PortalSigningKey) is { } portalKey)
        {
            if (portalKey.Length < UnitPay.Core.Portal.PortalOptions.MinKeyLength)
            {
                throw new SettingException(SettingNames.PortalSigningKey, $"must be at least {UnitPay.Core.Portal.PortalOptions.MinKeyLength} characters (a random secret, never an API key).");
            }

            portal = new UnitPay.Core.Portal.PortalOptions { SigningKey = System.Text.Encoding.UTF8.GetBytes(portalKey) };
        }

        var localTriggers = Get(SettingNames.LocalTriggers) is not { } t || !t.Equals("false", StringComparison.OrdinalIgnoreCase);

        var storage = ReadStorage(Get, SettingNames.Storage) is { } s
            ? s with { TablePrefix = prefix, UsageQueueName = queue }
            : null;
        var walletStorage = new List<StorageOptions>();
        var walletAccounts = ParseInt(SettingNames.WalletAccounts, Get(SettingNames.WalletAccounts) ?? "1", 1, 64);
        for (var i = 2; i <= walletAccounts; i++)
        {
            var name = SettingNames.WalletStorage(i);
            var extra = ReadStorage(Get, name)
                ?? throw new SettingException(name, $"is required: {SettingNames.WalletAccounts} is {walletAccounts}, so wallets are spread over that many accounts (set a connection string, or {name}__accountName for identity-based access).");
            walletStorage.Add(extra with { TablePrefix = prefix, UsageQueueName = queue });
        }

        if (storage is null && hosted)
        {
            throw new SettingException(SettingNames.Storage, $"is required when the Functions host runs the app (set it, or {SettingNames.StorageAccountName} for identity-based access).");
        }

        return new AppSettings
        {
            HostedByFunctions = hosted,
            Port = port,
            Storage = storage,
            WalletStorage = walletStorage,
            UsageQueue = queue,
            TablePrefix = prefix,
            ExpireGrantsSchedule = schedule,
            GrantCyclesSchedule = grantCyclesSchedule,
            TopUpSweeperSchedule = topUpSweeperSchedule,
            WebhookSweepSchedule = webhookSweepSchedule,
            Webhooks = webhooks,
            BootstrapApiKey = bootstrap,
            Payments = payments,
            TopUps = topUps,
            Portal = portal,
            LocalTriggers = localTriggers,
            TopUpSweeper = sweeper,
            ApiRateLimit = apiRateLimit,
            TrackRateLimit = trackRateLimit,
            Values = values,
        };
    }

    /// <summary>A trigger attribute's value: <c>%NAME%</c> is the setting's value (or its default); anything else is literal.</summary>
    public string ResolveExpression(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return expression.Length > 2 && expression[0] == '%' && expression[^1] == '%' ? Resolve(expression[1..^1]) : expression;
    }

    /// <summary>Resolves a setting by name: its value, or its default.</summary>
    public string Resolve(string settingName) => settingName switch
    {
        SettingNames.UsageQueue => UsageQueue,
        SettingNames.ExpireGrantsSchedule => ExpireGrantsSchedule,
        SettingNames.GrantCyclesSchedule => GrantCyclesSchedule,
        SettingNames.SandboxWebhookQueue => Payments.SandboxWebhookQueue,
        SettingNames.TopUpSweeperSchedule => TopUpSweeperSchedule,
        SettingNames.WebhookQueue => Webhooks.Queue,
        SettingNames.WebhookSweepSchedule => WebhookSweepSchedule,
        _ => Values.TryGetValue(settingName, out var v) ? v : throw new SettingException(settingName, "is not set."),
    };

    /// <summary>
    /// One account's settings under <paramref name="name"/>: a connection string in <c>name</c>, or identity-based
    /// access in <c>name__accountName</c> (or <c>name__tableServiceUri</c> and <c>name__queueServiceUri</c>), with
    /// <c>name__clientId</c> for a user-assigned identity; the convention the Functions host uses for its connections.
    /// </summary>
    private static StorageOptions? ReadStorage(Func<string, string?> get, string name)
    {
        var connection = get(name);
        if (connection is not null)
        {
            if (connection.Equals("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
            {
                return new StorageOptions { ConnectionString = connection };
            }

            if (!connection.Contains("AccountName=", StringComparison.OrdinalIgnoreCase) && !connection.Contains("Endpoint=", StringComparison.OrdinalIgnoreCase))
            {
                throw new SettingException(name, "is not a storage connection string (expected AccountName=... or ...Endpoint=..., or UseDevelopmentStorage=true).");
            }

            return new StorageOptions { ConnectionString = connection };
        }

        var account = get(name + "__accountName");
        var tableUri = get(name + "__tableServiceUri");
        var queueUri = get(name + "__queueServiceUri");
        if (account is null && tableUri is null && queueUri is null)
        {
            return null;
        }

        if (account is null && (tableUri is null || queueUri is null))
        {
            throw new SettingException(name + "__accountName", $"is required unless both {name}__tableServiceUri and {name}__queueServiceUri are set.");
        }

        return new StorageOptions
        {
            AccountName = account,
            TableServiceUri = ParseUri(name + "__tableServiceUri", tableUri),
            QueueServiceUri = ParseUri(name + "__queueServiceUri", queueUri),
            ManagedIdentityClientId = get(name + "__clientId"),
        };
    }

    /// <summary>
    /// Payments as core reads them (<see cref="PaymentOptions.Load"/>), with each value checked first so that a bad one
    /// stops the start with a message naming its setting.
    /// </summary>
    private static PaymentOptions ReadPayments(Func<string, string?> get)
    {
        var provider = (get(SettingNames.PaymentProvider) ?? PaymentOptions.Sandbox).ToLowerInvariant();
        if (provider is not (PaymentOptions.Sandbox or PaymentOptions.Stripe))
        {
            throw new SettingException(SettingNames.PaymentProvider, $"must be '{PaymentOptions.Sandbox}' or '{PaymentOptions.Stripe}', not '{provider}'.");
        }

        if (provider == PaymentOptions.Stripe)
        {
            foreach (var required in new[] { SettingNames.StripeSecretKey, SettingNames.StripeWebhookSecret })
            {
                if (get(required) is null)
                {
                    throw new SettingException(required, $"is required when {SettingNames.PaymentProvider} is 'stripe' (an app setting or a Key Vault reference).");
                }
            }
        }

        _ = ParseUri(SettingNames.StripeApiBase, get(SettingNames.StripeApiBase));
        if (get(SettingNames.SandboxWebhookQueue) is { } queue && (!IsQueueName(queue) || queue.Length > 56))
        {
            throw new SettingException(SettingNames.SandboxWebhookQueue, $"'{queue}' is not a valid queue name (3-56 lowercase letters, digits and single hyphens; 7 characters are kept for '-poison').");
        }

        try
        {
            return PaymentOptions.Load(name => name == SettingNames.PaymentProvider ? provider : get(name));
        }
        catch (ArgumentException e)
        {
            throw new SettingException(SettingNames.PaymentProvider, "and its settings are not usable: " + e.Message);
        }
    }

    private static long ParseLong(string name, string value, long min, long max) =>
        long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new SettingException(name, $"'{value}' is not a whole number from {min} to {max}.");

    private static Uri? ParseUri(string name, string? value) =>
        value is null ? null
        : Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri
        : throw new SettingException(name, $"'{value}' is not an absolute http(s) URI.");

    private static int ParseInt(string name, string value, int min, int max) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new SettingException(name, $"'{value}' is not a whole number from {min} to {max}.");

    private static bool IsQueueName(string name) =>
        name.Length >= 3 && char.IsAsciiLetterLower(name[0]) | char.IsAsciiDigit(name[0])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && !name.Contains("--", StringComparison.Ordinal) && !name.EndsWith('-');

    private static IEnumerable<(string Name, string Value)> ReadLocalSettings(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new SettingException("local.settings.json", "is not valid JSON: " + e.Message);
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty(nameof(Values), out var valuesElement) || valuesElement.ValueKind != JsonValueKind.Object)
            {
                yield break;
            }

            foreach (var property in valuesElement.EnumerateObject().ToList())
            {
                yield return (property.Name, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? string.Empty : property.Value.GetRawText());
            }
        }
    }
}
