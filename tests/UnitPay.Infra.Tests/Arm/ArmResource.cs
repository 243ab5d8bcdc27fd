namespace UnitPay.Infra.Tests.Arm;

/// <summary>
/// One resource a deployment of the template would create, with every value known before deployment computed.
/// </summary>
/// <param name="Type">The resource type, e.g. <c>Microsoft.Storage/storageAccounts/queueServices/queues</c>.</param>
/// <param name="Name">The full name (<c>account/default/queue</c>); unknown parts read as <see cref="ArmUnknown.Marker"/>.</param>
/// <param name="Module">The module deployment that declares it, or empty for the main template.</param>
/// <param name="Body">The evaluated resource declaration (properties, sku, identity, scope...).</param>
/// <param name="EvaluatedName">The name as evaluated: an <see cref="ArmUnknown"/> when it is computed in Azure (guid()).</param>
public sealed record ArmResource(string Type, string Name, string Module, IReadOnlyDictionary<string, object?> Body, object? EvaluatedName)
{
    /// <summary>The last segment of the name: the child's own name (a table's or a queue's).</summary>
    public string LeafName => Name[(Name.LastIndexOf('/') + 1)..];

    public object? Get(params string[] path) => ArmValues.Get(Body, path);

    public override string ToString() => $"{Type} '{Name}' (module '{Module}')";
}
