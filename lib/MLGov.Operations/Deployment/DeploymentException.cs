using MLGov.Platform.Chain.Contracts;
using MLGov.Platform.Chain;
namespace MLGov.Operations.Deployment;

/// <summary>A deployment cannot start or did not end in the expected on-chain state; the message says which and why, in one line.</summary>
public sealed class DeploymentException : Exception
{
    public DeploymentException()
    {
    }

    public DeploymentException(string message)
        : base(message)
    {
    }

    public DeploymentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
