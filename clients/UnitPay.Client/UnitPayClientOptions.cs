namespace UnitPay.Client;

/// <summary>
/// How a <see cref="UnitPayClient"/> reaches the API and how hard it retries. Validated once, when the client is
/// built (<see cref="Validate"/>).
/// </summary>
public sealed record UnitPayClientOptions
{
    /// <summary>The app's address, such as <c>https://my-app.azurewebsites.net</c> (a trailing <c>/v1</c> is accepted).</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>A secret key, <c>upay_sk_…</c>, sent as <c>x-api-key</c>.</summary>
    public required string ApiKey { get; init; }

    /// <summary>Retries after the first attempt, for 429, 5xx, timeouts and network failures (0 to 10; default 3).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The limit of one attempt (default 30 s); an attempt that takes longer is cancelled and retried.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The first back-off delay; later ones grow exponentially, with jitter (default 200 ms).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest back-off between attempts, and the longest <c>Retry-After</c> waited for (default 30 s): an answer asking for a longer wait is surfaced, not retried.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock of back-off delays (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid option.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttps && BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add("BaseAddress must be an absolute http(s) address.");
        }

        if (string.IsNullOrWhiteSpace(ApiKey) || !ApiKey.StartsWith("upay_sk_", StringComparison.Ordinal))
        {
            problems.Add("ApiKey must be a secret key (upay_sk_...).");
        }

        if (MaxRetries is < 0 or > 10)
        {
            problems.Add("MaxRetries must be 0 to 10.");
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(10))
        {
            problems.Add("Timeout must be positive and at most 10 minutes.");
        }

        if (RetryBaseDelay <= TimeSpan.Zero || RetryBaseDelay > MaxRetryDelay)
        {
            problems.Add("RetryBaseDelay must be positive and at most MaxRetryDelay.");
        }

        if (MaxRetryDelay <= TimeSpan.Zero || MaxRetryDelay > TimeSpan.FromMinutes(10))
        {
            problems.Add("MaxRetryDelay must be positive and at most 10 minutes.");
        }

        if (TimeProvider is null)
        {
            problems.Add("TimeProvider is required.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid UnitPayClientOptions: " + string.Join(" ", problems));
        }
    }

    /// <summary>The address of <c>/v1/</c>, whatever form <see cref="BaseAddress"/> was given in.</summary>
    internal Uri ApiRoot
    {
        get
        {
            var text = BaseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');
            if (text.EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
            {
                text = text[..^3];
            }

            return new Uri(text + "/v1/");
        }
    }
}
