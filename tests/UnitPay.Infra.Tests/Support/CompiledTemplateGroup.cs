namespace UnitPay.Infra.Tests.Support;

/// <summary>Template tests share one build of infra/main.bicep.</summary>
[CollectionDefinition(Name)]
public sealed class CompiledTemplateGroup : ICollectionFixture<CompiledTemplate>
{
    public const string Name = "Compiled template";
}
