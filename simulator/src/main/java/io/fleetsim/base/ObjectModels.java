package io.fleetsim.base;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.leshan.core.model.InvalidDDFFileException;
import org.eclipse.leshan.core.model.InvalidModelException;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.StaticModel;

/**
 * The LwM2M object models devices serve. The core objects (/0 to /7) are the definitions Leshan
 * ships; the IPSO sensors (3300, 3303, 3304, 3323), which Leshan does not ship, come from DDF files
 * in {@code models/ipso/} read with Leshan's DDF parser.
 */
public final class ObjectModels {

    private static final String IPSO_DIR = "/models/ipso/";
    private static final String[] IPSO_FILES = { "3300.xml", "3303.xml", "3304.xml", "3323.xml" };

    /** The IPSO sensor models shipped with fleetsim. */
    public static final List<ObjectModel> IPSO = loadIpso();

    /** The model of the devices: the newest version of each core object, and the IPSO sensors. */
    public static final LwM2mModel DEVICE_MODEL = new StaticModel(concat(ObjectLoader.loadDefault(), IPSO));

    /** Every version of the core objects and the IPSO sensors, for a server that meets devices of any version. */
    public static final List<ObjectModel> ALL_VERSIONS = concat(ObjectLoader.loadAllDefault(), IPSO);

    private ObjectModels() {
    }

    private static List<ObjectModel> loadIpso() {
        try {
            return List.copyOf(ObjectLoader.loadDdfResources(IPSO_DIR, IPSO_FILES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the IPSO object models in " + IPSO_DIR, e);
        } catch (InvalidModelException | InvalidDDFFileException e) {
            throw new IllegalStateException("invalid IPSO object model in " + IPSO_DIR + ": " + e.getMessage(), e);
        }
    }

    private static List<ObjectModel> concat(List<ObjectModel> a, List<ObjectModel> b) {
        List<ObjectModel> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
