using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MLGov.Platform.Http;
using MLGov.Platform.OpenApi;
using MLGov.Platform.Tables;
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
    [AcceptsJson(typeof(IncidentReport))]
    [RespondsWith(StatusCodes.Status201Created, typeof(Incident), Description = "The incident was recorded and sla.breached published.", Headers = ["Location", "ETag"])]
    [RespondsWith(StatusCodes.Status200OK, typeof(Incident), Description = "The same report was recorded before; nothing changed.", Headers = ["Location", "ETag"])]
    [RespondsWithProblem(StatusCodes.Status409Conflict, Description = "The incident id was recorded with different details.")]
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

    /// <summary>Lists incidents a page at a time, optionally only those of one SLA.</summary>
    [Function(nameof(ListIncidents))]
    [AcceptsQuery("slaId", typeof(string), Description = "Only the incidents of this SLA.")]
    [AcceptsQuery(PageQuery.LimitParameter, typeof(int), Description = "Incidents per page, 1 to 1000 (default 50).")]
    [AcceptsQuery(PageQuery.NextParameter, typeof(string), Description = "The next token of the previous page.")]
    [RespondsWith(StatusCodes.Status200OK, typeof(Page<Incident>), Description = "A page of incidents in id order; next is null on the last page.")]
    [RespondsWithProblem(StatusCodes.Status400BadRequest, Description = "The limit, the next token or the slaId is not valid.")]
    public async Task<IActionResult> ListIncidents(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "risk/incidents")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var slaId = request.Query.TryGetValue("slaId", out var sla) ? sla.ToString() : null;
        var page = await _recorder.ListAsync(slaId, PageQuery.Read(request), cancellationToken);
        return new JsonBodyResult(page);
    }

    [Function(nameof(GetIncident))]
    [RespondsWith(StatusCodes.Status200OK, typeof(Incident), Headers = ["ETag"])]
    public async Task<IActionResult> GetIncident(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "risk/incidents/{incidentId}")] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        var incident = await _recorder.GetAsync(incidentId, cancellationToken);
        return new JsonBodyResult(incident.Value) { ETag = incident.ETag.ToString() };
    }
}
