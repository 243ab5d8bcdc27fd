namespace UnitPay.Testing;

/// <summary>A fresh table prefix and queue name, so no test sees another's data.</summary>
public sealed record StorageNamespace(string TablePrefix, string UsageQueue)
{
    public static StorageNamespace Fresh()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return new StorageNamespace("t" + id, "q-" + id);
    }
}
