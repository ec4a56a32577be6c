using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MLGov.Platform.Http;
using MLGov.Risk.Domain.Incidents;
using MLGov.Risk.Incidents;

namespace MLGov.Risk.Functions;

public sealed class IncidentFunctions
{
    private readonly JsonRequestReader _reader;
    private readonly IncidentRecorder _recorder;

    public IncidentFunctions(JsonRequestReader reader, IncidentRecorder recorder)
    {
        _reader = reader;
        _recorder = recorder;
    }

    /// <summary>Records an SLA breach incident and publishes com.mlgov.risk.sla.breached.v1: 201 when new, 200 for an identical replay.</summary>
    [Function(nameof(RecordIncident))]
    public async Task<IActionResult> RecordIncident(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "risk/incidents")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var report = await _reader.ReadAsync<IncidentReport>(request, cancellationToken);
        var recorded = await _recorder.RecordAsync(report, cancellationToken);
        var incident = recorded.Incident;
        return new JsonBodyResult(
            incident.Value,
            recorded.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK,
            $"/api/risk/incidents/{Uri.EscapeDataString(incident.Value.IncidentId)}")
        {
            ETag = incident.ETag.ToString(),
        };
    }

    [Function(nameof(GetIncident))]
    public async Task<IActionResult> GetIncident(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "risk/incidents/{incidentId}")] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        var incident = await _recorder.GetAsync(incidentId, cancellationToken);
        return new JsonBodyResult(incident.Value) { ETag = incident.ETag.ToString() };
    }
}
