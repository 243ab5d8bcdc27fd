namespace UnitPay.Infra.Tests.Support;

/// <summary>One <c>[Function]</c> method of functions/Functions/*.cs as its source states it.</summary>
/// <param name="Name">The function's name, as the Functions host lists it.</param>
/// <param name="Trigger">The trigger attribute: Http, Queue or Timer.</param>
/// <param name="QueueNameSetting">The app setting its queue trigger reads the queue name from (%SETTING%).</param>
/// <param name="ScheduleSetting">The app setting its timer trigger reads the schedule from (%SETTING%).</param>
/// <param name="ConnectionSetting">The storage connection setting its queue trigger names.</param>
public sealed record CatalogFunction(string Name, string Trigger, string? QueueNameSetting, string? ScheduleSetting, string? ConnectionSetting);
