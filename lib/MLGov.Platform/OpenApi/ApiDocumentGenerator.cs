using System.ComponentModel;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Azure.Functions.Worker;
using Microsoft.OpenApi;
using MLGov.Platform.Health;

namespace MLGov.Platform.OpenApi;

/// <summary>
/// Builds an app's OpenAPI 3.1 document from its HTTP functions: the trigger gives path, methods, route
/// parameters and the key requirement; <see cref="AcceptsJsonAttribute"/>, <see cref="RespondsWithAttribute"/>
/// and <see cref="RespondsWithProblemAttribute"/> on the method give bodies and responses. Problem
/// responses the platform itself produces are added without being declared.
/// </summary>
public static class ApiDocumentGenerator
{
    /// <summary>The Functions host's route prefix (host.json extensions.http.routePrefix), the same in every app.</summary>
    public const string RoutePrefix = "api";

    /// <summary>Security scheme: the function key in the x-functions-key header.</summary>
    public const string KeyHeaderScheme = "functionKeyHeader";

    /// <summary>Security scheme: the function key in the code query parameter.</summary>
    public const string KeyQueryScheme = "functionKeyQuery";

    private const string JsonMediaType = "application/json";

    private const string BodySignatureScheme = "bodySignature";

    /// <summary>The document of every [Function] with an HTTP trigger in the app's assembly.</summary>
    public static OpenApiDocument Generate(string app, Assembly functions, string version = "1.0.0")
    {
        ArgumentNullException.ThrowIfNull(functions);
        return Generate(app, functions.GetTypes(), version);
    }

    /// <summary>The document of every [Function] with an HTTP trigger declared by the given classes.</summary>
    public static OpenApiDocument Generate(string app, IEnumerable<Type> functionClasses, string version = "1.0.0")
    {
        ArgumentException.ThrowIfNullOrEmpty(app);
        ArgumentNullException.ThrowIfNull(functionClasses);

        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = $"MLGov {app} API",
                Version = version,
                Description = $"The HTTP API of the MLGov {app} app. Errors are RFC 9457 problem details (application/problem+json).",
            },
            Paths = [],
        };
        var schemas = new SchemaComponents(document);
        var problem = schemas.Add(ProblemResponses.SchemaName, ProblemResponses.Schema());

        var functions = functionClasses
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(method => (Method: method, Function: method.GetCustomAttribute<FunctionAttribute>()))
            .Where(f => f.Function is not null && f.Method.GetCustomAttribute<ExcludeFromApiDescriptionAttribute>() is null)
            .Select(f => (f.Method, Name: f.Function!.Name, Trigger: HttpTrigger(f.Method)))
            .Where(f => f.Trigger is not null)
            .OrderBy(f => f.Name, StringComparer.Ordinal);

        foreach (var (method, name, trigger) in functions)
        {
            var route = (trigger!.Route ?? name).Trim('/');
            var (path, parameters) = Path(route, method, name, schemas);
            if (!document.Paths.TryGetValue(path, out var item))
            {
                item = new OpenApiPathItem();
                document.Paths.Add(path, item);
            }

            var methods = trigger.Methods is { Length: > 0 } declared
                ? declared
                : throw new InvalidOperationException($"Function '{name}' accepts any HTTP method; name its methods in the trigger to describe it.");
            foreach (var httpMethod in methods.Select(m => HttpMethod.Parse(m)))
            {
                if (item.Operations?.ContainsKey(httpMethod) == true)
                {
                    throw new InvalidOperationException($"Two functions answer {httpMethod} {path}; '{name}' is one of them.");
                }

                var operation = Operation(app, route, name, method, trigger.AuthLevel, parameters, schemas, problem, document);
                ((OpenApiPathItem)item).AddOperation(httpMethod, operation);
            }
        }

        return document;
    }

    /// <summary>The document as OpenAPI 3.1 JSON.</summary>
    public static byte[] ToJson(OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var buffer = new MemoryStream();
        using (var text = new StreamWriter(buffer, leaveOpen: true))
        {
            var writer = new OpenApiJsonWriter(text);
            document.SerializeAsV31(writer);
        }

        return buffer.ToArray();
    }

    private static HttpTriggerAttribute? HttpTrigger(MethodInfo method) =>
        method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null);

    private static (string Path, List<IOpenApiParameter> Parameters) Path(string route, MethodInfo method, string name, SchemaComponents schemas)
    {
        var pattern = RoutePatternFactory.Parse(route);
        var segments = new List<string>();
        var parameters = new List<IOpenApiParameter>();
        foreach (var segment in pattern.PathSegments)
        {
            var text = new System.Text.StringBuilder();
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        text.Append(literal.Content);
                        break;
                    case RoutePatternSeparatorPart separator:
                        text.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter:
                        if (parameter.IsOptional || parameter.IsCatchAll || parameter.Default is not null)
                        {
                            throw new InvalidOperationException(
                                $"Function '{name}': route parameter '{parameter.Name}' is optional or catch-all, which an OpenAPI path cannot express; split the route.");
                        }

                        text.Append('{').Append(parameter.Name).Append('}');
                        parameters.Add(new OpenApiParameter
                        {
                            Name = parameter.Name,
                            In = ParameterLocation.Path,
                            Required = true,
                            Schema = RouteParameterSchema(parameter, method, schemas),
                        });
                        break;
                }
            }

            segments.Add(text.ToString());
        }

        return ("/" + RoutePrefix + "/" + string.Join('/', segments), parameters);
    }

    /// <summary>The route constraint says what a segment is; else the type of the method parameter bound to it; else a string.</summary>
    private static IOpenApiSchema RouteParameterSchema(RoutePatternParameterPart parameter, MethodInfo method, SchemaComponents schemas)
    {
        foreach (var policy in parameter.ParameterPolicies.Select(p => p.Content))
        {
            var schema = policy switch
            {
                "int" => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                "long" => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" },
                "guid" => new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
                "bool" => new OpenApiSchema { Type = JsonSchemaType.Boolean },
                "decimal" => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "decimal" },
                "double" => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "double" },
                "float" => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "float" },
                "datetime" => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
                _ => null,
            };
            if (schema is not null)
            {
                return schema;
            }
        }

        var bound = method.GetParameters().FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
        return bound is null || bound.ParameterType == typeof(string)
            ? new OpenApiSchema { Type = JsonSchemaType.String }
            : schemas.SchemaFor(bound.ParameterType);
    }

    private static OpenApiOperation Operation(
        string app,
        string route,
        string name,
        MethodInfo method,
        AuthorizationLevel level,
        List<IOpenApiParameter> parameters,
        SchemaComponents schemas,
        OpenApiSchemaReference problem,
        OpenApiDocument document)
    {
        var accepts = method.GetCustomAttribute<AcceptsJsonAttribute>();
        var keyed = level != AuthorizationLevel.Anonymous;
        var description = method.GetCustomAttribute<DescriptionAttribute>()?.Description;
        if (level is AuthorizationLevel.Admin or AuthorizationLevel.System)
        {
            description = (description is null ? string.Empty : description + " ") + "Needs the master (admin) key; function and host keys are refused.";
        }

        var hasRouteParameters = parameters.Count > 0;
        // Per operation: the route's parameters are shared by every method of the path, query parameters are not.
        parameters = [.. parameters, .. method.GetCustomAttributes<AcceptsQueryAttribute>().Select(query => (IOpenApiParameter)new OpenApiParameter
        {
            Name = query.Name,
            In = ParameterLocation.Query,
            Required = false,
            Description = query.Description,
            Schema = schemas.SchemaFor(query.Type),
        })];
        var operation = new OpenApiOperation
        {
            OperationId = name,
            Description = description,
            Parameters = parameters.Count > 0 ? parameters : null,
            Responses = [],
        };

        if (accepts is not null)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = accepts.Description,
                Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
                {
                    [JsonMediaType] = new OpenApiMediaType { Schema = schemas.SchemaFor(accepts.RequestType) },
                },
            };
        }

        if (keyed)
        {
            operation.Security = KeyRequirements(document);
        }
        else if (method.GetCustomAttribute<Identity.EntraBearerAttribute>() is not null)
        {
            operation.Security = HttpRequirement(document, BearerScheme, "bearer", "An Entra ID access token for the app (Authorization: Bearer).");
        }
        else if (method.GetCustomAttribute<Identity.RequiresCredentialAttribute>() is { } credential)
        {
            operation.Security = HttpRequirement(document, PresentationScheme, "VP", $"A VP-JWT presenting a {credential.Type} (Authorization: VP), with a nonce of this app.");
        }
        else if (method.GetCustomAttribute<Identity.SignedRequestAttribute>() is { } signed)
        {
            operation.Security = SignedRequirements(document, signed);
        }

        var responses = new SortedDictionary<string, IOpenApiResponse>(StringComparer.Ordinal);
        var successes = method.GetCustomAttributes<RespondsWithAttribute>().ToList();
        // Every app's health functions (see HealthResult); described here so the apps need not repeat it.
        if (successes.Count == 0 && string.Equals(route, $"{app}/health", StringComparison.OrdinalIgnoreCase))
        {
            successes.Add(new RespondsWithAttribute(StatusCodes.Status200OK, typeof(Liveness)) { Description = "The app is running." });
        }
        else if (successes.Count == 0 && string.Equals(route, $"{app}/health/ready", StringComparison.OrdinalIgnoreCase))
        {
            successes.Add(new RespondsWithAttribute(StatusCodes.Status200OK, typeof(HealthReport)) { Description = "Every dependency is healthy, or degraded but serving." });
            successes.Add(new RespondsWithAttribute(StatusCodes.Status503ServiceUnavailable, typeof(HealthReport)) { Description = "At least one dependency is unhealthy." });
        }

        foreach (var success in successes)
        {
            Add(responses, name, success.StatusCode, SuccessResponse(success, schemas));
        }

        var problems = new SortedDictionary<int, string>();
        // A status the function declares with its own body (RespondsWith) replaces the automatic problem of that status.
        foreach (var automatic in AutomaticProblems(accepts is not null, operation.Security is { Count: > 0 }, hasRouteParameters).Where(s => !responses.ContainsKey(s.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        {
            problems[automatic] = ProblemResponses.DefaultDescription(automatic, accepts is not null);
        }

        foreach (var declared in method.GetCustomAttributes<RespondsWithProblemAttribute>())
        {
            problems[declared.StatusCode] = declared.Description ?? ProblemResponses.DefaultDescription(declared.StatusCode, accepts is not null);
        }

        foreach (var (status, text) in problems)
        {
            Add(responses, name, status, new OpenApiResponse
            {
                Description = text,
                Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
                {
                    [Http.ProblemDetailsResult.ContentType] = new OpenApiMediaType { Schema = problem },
                },
            });
        }

        foreach (var (status, response) in responses)
        {
            operation.Responses.Add(status, response);
        }

        return operation;
    }

    private static IEnumerable<int> AutomaticProblems(bool acceptsJson, bool keyed, bool hasRouteParameters)
    {
        if (acceptsJson)
        {
            yield return StatusCodes.Status400BadRequest;
            yield return StatusCodes.Status413PayloadTooLarge;
            yield return StatusCodes.Status415UnsupportedMediaType;
        }

        if (keyed)
        {
            yield return StatusCodes.Status401Unauthorized;
        }

        if (hasRouteParameters)
        {
            yield return StatusCodes.Status404NotFound;
        }

        yield return StatusCodes.Status500InternalServerError;
    }

    private static OpenApiResponse SuccessResponse(RespondsWithAttribute declared, SchemaComponents schemas) => new()
    {
        Description = declared.Description ?? ReasonPhrases.GetReasonPhrase(declared.StatusCode),
        Content = declared.BodyType is null
            ? null
            : new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
            {
                [declared.MediaType] = new OpenApiMediaType { Schema = schemas.SchemaFor(declared.BodyType) },
            },
        Headers = declared.Headers.Length == 0
            ? null
            : declared.Headers.ToDictionary(
                header => header,
                IOpenApiHeader (_) => new OpenApiHeader { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                StringComparer.OrdinalIgnoreCase),
    };

    private static void Add(SortedDictionary<string, IOpenApiResponse> responses, string function, int status, IOpenApiResponse response)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!responses.TryAdd(key, response))
        {
            throw new InvalidOperationException($"Function '{function}' declares status {key} twice (as a response and as a problem, or two responses).");
        }
    }

    private const string BearerScheme = "entraBearer";
    private const string PresentationScheme = "presentation";

    /// <summary>The alternatives a signed request offers: a presentation, a body signature, or (optional) nothing.</summary>
    private static List<OpenApiSecurityRequirement> SignedRequirements(OpenApiDocument document, Identity.SignedRequestAttribute signed)
    {
        var requirements = new List<OpenApiSecurityRequirement>();
        if (signed.Presentation)
        {
            requirements.AddRange(HttpRequirement(document, PresentationScheme, "VP", "A VP-JWT (Authorization: VP) with a nonce of this app, presenting the credential the operation names."));
        }

        if (signed.BodySignature)
        {
            if (document.Components?.SecuritySchemes?.ContainsKey(BodySignatureScheme) != true)
            {
                document.AddComponent<IOpenApiSecurityScheme>(BodySignatureScheme, new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = Identity.SignedBodyVerifier.Header,
                    Description = "A detached JWS over the body's RFC 8785 form by a key under the signer DID's authentication, with aud (this app) and iat in its protected header.",
                });
            }

            requirements.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BodySignatureScheme, document)] = [] });
        }

        if (signed.Optional)
        {
            requirements.Add(new OpenApiSecurityRequirement());
        }

        return requirements;
    }

    /// <summary>An HTTP authentication scheme (registered on first use) as the operation's one requirement.</summary>
    private static List<OpenApiSecurityRequirement> HttpRequirement(OpenApiDocument document, string name, string scheme, string description)
    {
        if (document.Components?.SecuritySchemes?.ContainsKey(name) != true)
        {
            document.AddComponent<IOpenApiSecurityScheme>(name, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = scheme,
                Description = description,
            });
        }

        return [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(name, document)] = [] }];
    }

    /// <summary>Either key location satisfies the host: two alternative requirements, registered as schemes on first use.</summary>
    private static List<OpenApiSecurityRequirement> KeyRequirements(OpenApiDocument document)
    {
        if (document.Components?.SecuritySchemes?.ContainsKey(KeyHeaderScheme) != true)
        {
            document.AddComponent<IOpenApiSecurityScheme>(KeyHeaderScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "x-functions-key",
                Description = "A function key, a host key or the master key of the app.",
            });
            document.AddComponent<IOpenApiSecurityScheme>(KeyQueryScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Query,
                Name = "code",
                Description = "The same key as the code query parameter.",
            });
        }

        return
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeyHeaderScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeyQueryScheme, document)] = [] },
        ];
    }
}
