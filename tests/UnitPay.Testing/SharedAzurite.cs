using UnitPay.Functions.Local;

namespace UnitPay.Testing;

/// <summary>
/// One real Azurite per test process, started on free ports on first use and stopped when the process exits. Test
/// classes isolate themselves with their own table prefix and queue names (<see cref="StorageNamespace"/>), so they can share it.
/// </summary>
public static class SharedAzurite
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static AzuriteProcess? _azurite;

    public static async Task<AzuriteProcess> GetAsync()
    {
        if (_azurite is { } running)
        {
            return running;
        }

        await Gate.WaitAsync();
        try
        {
            if (_azurite is null)
            {
                _azurite = await AzuriteProcess.StartAsync(preferDefaultPorts: false, TimeSpan.FromSeconds(90), CancellationToken.None);
                var started = _azurite;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => started.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            return _azurite;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task<string> ConnectionStringAsync() => (await GetAsync()).ConnectionString;
}
