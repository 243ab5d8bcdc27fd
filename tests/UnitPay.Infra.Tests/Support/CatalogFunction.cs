namespace UnitPay.Infra.Tests.Support;

/// <summary>One function of FunctionCatalog.cs as its source states it.</summary>
/// <param name="QueueNameSetting">The app setting its queue trigger reads the queue name from (%SETTING%).</param>
/// <param name="ScheduleSetting">The app setting its timer trigger reads the schedule from (%SETTING%).</param>
public sealed record CatalogFunction(string Name, string Trigger, string? QueueNameSetting, string? ScheduleSetting);
