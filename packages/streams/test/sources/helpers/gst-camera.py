# A camera for the RTSP tests: GStreamer's RTSP server (gst-rtsp-server, an implementation none of us
# wrote) serving a live test picture as H.264 or H.265, optionally with AAC or G.711 A-law audio, with or
# without Digest authentication; clients pick TCP (interleaved) or UDP. Prints "PORT <n>" once listening
# and runs until killed.  Usage: gst-camera.py <h264|h265> <none|aac|alaw> [user password]
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

Gst.init(None)
codec, audio = sys.argv[1], sys.argv[2]
user, password = (sys.argv[3], sys.argv[4]) if len(sys.argv) > 4 else (None, None)

video = {
    "h264": "x264enc tune=zerolatency speed-preset=ultrafast key-int-max=25 bframes=0 ! rtph264pay name=pay0 pt=96 config-interval=-1",
    "h265": "x265enc tune=zerolatency speed-preset=ultrafast key-int-max=25 ! video/x-h265,profile=main ! rtph265pay name=pay0 pt=96 config-interval=-1",
}[codec]
sound = {
    "none": "",
    "aac": "audiotestsrc is-live=true wave=sine ! audioconvert ! audioresample ! audio/x-raw,rate=48000,channels=1 ! avenc_aac ! rtpmp4gpay name=pay1 pt=97",
    "alaw": "audiotestsrc is-live=true wave=sine ! audioconvert ! audioresample ! audio/x-raw,rate=8000,channels=1 ! alawenc ! rtppcmapay name=pay1 pt=8",
}[audio]
launch = (
    "( videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=180,framerate=25/1 ! "
    f"videoconvert ! {video} {sound} )"
)

server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service("0")
factory = GstRtspServer.RTSPMediaFactory()
factory.set_launch(launch)
factory.set_shared(True)
if user:
    auth = GstRtspServer.RTSPAuth()
    auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
    token = GstRtspServer.RTSPToken()
    token.set_string("media.factory.role", user)
    auth.add_digest(user, password, token)
    server.set_auth(auth)
    role = f"{user}, media.factory.access=(boolean)true, media.factory.construct=(boolean)true"
    factory.add_role_from_structure(Gst.Structure.new_from_string(role))
server.get_mount_points().add_factory("/cam", factory)
server.attach(None)
print(f"PORT {server.get_bound_port()}", flush=True)
GLib.MainLoop().run()
