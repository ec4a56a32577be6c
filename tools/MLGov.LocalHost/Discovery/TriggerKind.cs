namespace MLGov.LocalHost.Discovery;

public enum TriggerKind
{
    Http,
    Timer,
}
