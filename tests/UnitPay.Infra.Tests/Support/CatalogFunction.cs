namespace UnitPay.Infra.Tests.Support;

/// <summary>One function of FunctionCatalog.cs as its source states it.</summary>
/// <param name="Name">The function's name: its package folder and the path the host posts invocations to.</param>
/// <param name="Trigger">The <c>TriggerKind</c> member: Http, Queue or Timer.</param>
/// <param name="QueueNameSetting">The app setting its queue trigger reads the queue name from (%SETTING%).</param>
/// <param name="ScheduleSetting">The app setting its timer trigger reads the schedule from (%SETTING%).</param>
public sealed record CatalogFunction(string Name, string Trigger, string? QueueNameSetting, string? ScheduleSetting);
