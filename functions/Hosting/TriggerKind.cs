namespace UnitPay.Functions.Hosting;

/// <summary>The kinds of trigger this app's functions use.</summary>
public enum TriggerKind
{
    Http,
    Queue,
    Timer,
}
