package dev.taskflux.proto.convert;

/**
 * Protobuf enums and their api counterparts: the protobuf constant is the api constant's name
 * behind a type prefix ({@code TASK_STATUS_ACTIVE} is {@code ACTIVE}); {@code *_UNSPECIFIED} and
 * unrecognized values read as {@code null}.
 */
final class ProtoEnums {

    private ProtoEnums() {
    }

    static <A extends Enum<A>> A api(Class<A> type, Enum<?> proto, String prefix) {
        String name = proto.name();
        if (!name.startsWith(prefix) || name.endsWith("_UNSPECIFIED")) {
            return null;
        }
        return Enum.valueOf(type, name.substring(prefix.length()));
    }

    static <P extends Enum<P>> P proto(Class<P> type, Enum<?> api, String prefix) {
        return Enum.valueOf(type, prefix + (api == null ? "UNSPECIFIED" : api.name()));
    }
}
