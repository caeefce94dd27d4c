using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Finsam.Contracts.Sharing;
using Finsam.ServiceDefaults.Grants;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Finsam.Benchmarks.Micro;

/// <summary>
/// What every call between services pays for its grant: signed by the caller, verified by the callee, with keys
/// configured as PEM (as deployed, not the embedded default's keys in memory). The baseline is the ECDSA P-256
/// signature and its verification alone, on as many bytes, with the same key: what the cryptography costs.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class GrantBenchmarks
{
    private static readonly Actor Coach = new("lisa.berg", "ips-coach", "municipality", "ovanaker-ips");
    private readonly JsonWebTokenHandler _handler = new();
    private ECDsa _key = null!;
    private GrantIssuer _issuer = null!;
    private TokenValidationParameters _validation = null!;
    private byte[] _payload = [];

    [GlobalSetup]
    public void SetUp()
    {
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Finsam:Grants:SigningKeys:gateway"] = _key.ExportPkcs8PrivateKeyPem(),
            ["Finsam:Grants:PublicKeys:gateway"] = _key.ExportSubjectPublicKeyInfoPem(),
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddLogging()
            .AddGrantAuthentication()
            .BuildServiceProvider();
        _issuer = services.GetRequiredService<GrantIssuer>();
        _validation = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(GrantDefaults.AuthenticationScheme).TokenValidationParameters;
        _payload = System.Text.Encoding.UTF8.GetBytes(Issue());
    }

    [Benchmark(Baseline = true)]
    public bool Ecdsa_sign_and_verify_alone() => _key.VerifyData(_payload, _key.SignData(_payload, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256);

    [Benchmark]
    public async Task<bool> Grant_issued_and_validated() => (await _handler.ValidateTokenAsync(Issue(), _validation)).IsValid;

    private string Issue() => _issuer.Issue("gateway", "healthcare", Coach, "coordination", "pr-00000000000000000000000000000001", ["health.contact", "health.workcapacity"]);
}
