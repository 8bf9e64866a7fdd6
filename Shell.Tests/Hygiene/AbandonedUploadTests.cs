using System.Net.Sockets;
using System.Text;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Hygiene;

/// helper-82: a client that sent part of its body and hung up was recorded on an understood
/// endpoint as a 400 "malformed or cut short" client error (client_closed at random), where the
/// same on a passthrough path is a 499. Nobody is there to answer: 499, client_closed, always.
public class AbandonedUploadTests
{
    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/messages")]
    [InlineData("/v1/files")]
    public async Task A_client_that_hangs_up_inside_its_body_is_recorded_as_499(string path)
    {
        await using var env = await TestEnv.StartAsync();

        for (var i = 0; i < 8; i++)
        {
            using (var client = new TcpClient())
            {
                await client.ConnectAsync(env.Gateway.BaseAddress!.Host,
                    env.Gateway.BaseAddress.Port);
                var stream = client.GetStream();
                await stream.WriteAsync(Encoding.ASCII.GetBytes(
                    $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n"
                    + """{"model":"m","messages":[{"role":"user","content":"hel"""));
                await stream.FlushAsync();
            }
            var exchange = await env.Sink.NextAsync();

            Assert.Equal((499, true, "client_closed"), (exchange.Status, exchange.ClientClosed, exchange.ErrorNote));
        }
        Assert.Equal(0, env.Sim.RequestCount);
    }
}
