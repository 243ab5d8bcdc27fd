using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using UnitPay.Core.Billing;
using UnitPay.Core.Catalog;
using UnitPay.Core.Customers;
using UnitPay.Core.Grants;
using UnitPay.Core.Idempotency;
using UnitPay.Core.Organizations;
using UnitPay.Core.Plans;
using UnitPay.Core.Reservations;
using UnitPay.Core.Results;
using UnitPay.Core.Storage;
using UnitPay.Core.Subscriptions;
using UnitPay.Core.Usage;
using UnitPay.Core.Wallets;
using UnitPay.Functions.Api;
using UnitPay.Functions.Configuration;
using UnitPay.Functions.Hosting;
using UnitPay.Functions.Local;
using UnitPay.Functions.Triggers;

namespace UnitPay.Functions;

/// <summary>
/// Builds the custom handler: one ASP.NET Core app serving the public API at /v1/... (forwarded by the Functions
/// host) and the non-HTTP functions at /{FunctionName}. In a local run it also starts Azurite when no storage is
/// configured, and the local trigger runner.
/// </summary>
public static partial class UnitPayApp
{
    public const long MaxRequestBodyBytes = 10 * 1024 * 1024;

    /// <summary>Builds the app (starting Azurite first when a local run has no storage configured).</summary>
    public static async Task<WebApplication> BuildAsync(AppSettings settings, Action<IServiceCollection>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        AzuriteProcess? azurite = null;
        var storage = settings.Storage;
        if (storage is null)
        {
            azurite = await AzuriteProcess.StartAsync(preferDefaultPorts: true, TimeSpan.FromSeconds(60), cancellationToken);
            storage = new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = settings.TablePrefix, UsageQueueName = settings.UsageQueue };
        }

        var hostJsonPath = Path.Combine(AppContext.BaseDirectory, "host.json");
        var hostJson = HostJson.Load(hostJsonPath);
        storage = storage with { Base64MessageEncoding = hostJson.Base64Messages };

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            if (settings.HostedByFunctions)
            {
                k.ListenLocalhost(settings.Port); // only the Functions host talks to the handler
            }
            else
            {
                k.Listen(System.Net.IPAddress.Loopback, settings.Port);
            }
        });

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(hostJson);
        services.AddSingleton(storage);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StorageAccount>();
        services.AddSingleton<OrganizationStore>();
        services.AddSingleton<CatalogStore>();
        services.AddSingleton<CustomerStore>();
        services.AddSingleton<CatalogReader>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<WalletStore>();
        services.AddSingleton<WalletEngine>();
        services.AddSingleton<WalletDirectory>();
        services.AddSingleton<ExpirySweeper>();
        services.AddSingleton<CreditAccountService>();
        services.AddSingleton<UsageRejectionStore>();
        services.AddSingleton<UsageTracker>();
        services.AddSingleton<UsageProcessor>();
        services.AddSingleton<UsageLookup>();
        services.AddSingleton<CreditCheck>();
        services.AddSingleton<ReservationService>();
        services.AddSingleton<PlanStore>();
        services.AddSingleton<PlanService>();
        services.AddSingleton<InvoiceLineStore>();
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<SubscriptionCycles>();
        services.AddSingleton<SubscriptionService>();
        if (!settings.HostedByFunctions && settings.LocalTriggers)
        {
            services.AddSingleton<LocalTriggerRunner>();
            services.AddHostedService(sp => sp.GetRequiredService<LocalTriggerRunner>());
        }

        if (azurite is not null)
        {
            services.AddSingleton(azurite);
            services.AddHostedService<AzuriteLifetime>();
        }

        configure?.Invoke(services);

        var app = builder.Build();
        app.UseExceptionHandler(errors => errors.Run(WriteUnhandledAsync));
        app.UseMiddleware<ApiKeyAuthentication>();
        app.UseMiddleware<IdempotencyMiddleware>();
        HealthEndpoints.Map(app);
        CatalogEndpoints.Map(app);
        CustomerEndpoints.Map(app);
        CreditEndpoints.Map(app);
        UsageEndpoints.Map(app);
        ReservationEndpoints.Map(app);
        PlanEndpoints.Map(app);
        SubscriptionEndpoints.Map(app);
        TriggerEndpoints.Map(app);
        app.MapFallback((HttpContext http) => Problems.NotFound($"Route {http.Request.Method} {http.Request.Path}"));

        await app.Services.GetRequiredService<StorageAccount>().EnsureCreatedAsync(cancellationToken);
        return app;
    }

    /// <summary>The first address the app listens on (after start).</summary>
    public static Uri AddressOf(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }

    /// <summary>
    /// Makes the bootstrap key open an organization (idempotently). In a local run with no key configured, a fresh
    /// one is made so the API is usable at once; it is printed, and stored only hashed.
    /// </summary>
    public static async Task<string?> BootstrapAsync(WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.Services.GetRequiredService<AppSettings>();
        var key = settings.BootstrapApiKey;
        if (key is null && !settings.HostedByFunctions)
        {
            key = ApiKeys.Generate();
        }

        if (key is not null)
        {
            await app.Services.GetRequiredService<OrganizationStore>().EnsureBootstrapAsync(key, "Local organization", cancellationToken);
        }

        return key;
    }

    private static async Task WriteUnhandledAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (error is BadHttpRequestException bad)
        {
            var failure = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? new Failure(FailureCodes.PayloadTooLarge, $"The body is larger than {MaxRequestBodyBytes} bytes.")
                : new Failure(FailureCodes.ValidationFailed, "The request could not be read: " + bad.Message);
            await Problems.From(failure).ExecuteAsync(context);
            return;
        }

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("UnitPay");
        if (error is not null)
        {
            LogUnhandled(logger, error, context.Request.Method, context.Request.Path);
        }

        await Results.Problem(
            title: "The request failed on our side.",
            detail: "An unexpected error occurred; nothing was charged twice. Retry with the same Idempotency-Key.",
            statusCode: StatusCodes.Status500InternalServerError,
            extensions: new Dictionary<string, object?> { ["code"] = "INTERNAL" }).ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);

    /// <summary>Stops the embedded Azurite when the app stops.</summary>
    private sealed class AzuriteLifetime(AzuriteProcess azurite) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken) => await azurite.DisposeAsync();
    }
}
